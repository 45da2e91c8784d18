-- The csv format on sinks, with the values of Flink's CsvRowDataSerDeSchemaTest
-- and CsvFormatFactoryTest: quoting heuristic, null literal, delimiters,
-- quote characters, disabled quoting, DECIMAL notation.
CREATE TABLE vals (
  s STRING, b BIGINT, bo BOOLEAN, ti TINYINT, i INT, f FLOAT, d DOUBLE,
  dec DECIMAL(38, 25), dt DATE, tm0 TIME(0), tm3 TIME(3), ts TIMESTAMP(0), bytes BYTES,
  dec2 DECIMAL(10, 3), ts2 TIMESTAMP(0)
) WITH (
  'connector' = 'kafka', 'topic' = 'vals', 'properties.bootstrap.servers' = 'localhost:9092',
  'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset', 'format' = 'json');
CREATE TABLE csv_default (
  s STRING, b BIGINT, bo BOOLEAN, ti TINYINT, i INT, f FLOAT, d DOUBLE,
  dec DECIMAL(38, 25), dt DATE, tm0 TIME(0), tm3 TIME(3), ts TIMESTAMP(0), bytes BYTES
) WITH (
  'connector' = 'kafka', 'topic' = 'csv_default', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'csv', 'csv.null-literal' = 'null');
CREATE TABLE csv_semi (s STRING, dec2 DECIMAL(10, 3)) WITH (
  'connector' = 'kafka', 'topic' = 'csv_semi', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'csv', 'csv.field-delimiter' = ';', 'csv.quote-character' = '''');
CREATE TABLE csv_plain (dec2 DECIMAL(10, 3)) WITH (
  'connector' = 'kafka', 'topic' = 'csv_plain', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'csv', 'csv.field-delimiter' = ';', 'csv.quote-character' = '''',
  'csv.write-bigdecimal-in-scientific-notation' = 'false');
CREATE TABLE csv_hash (ts2 TIMESTAMP(0)) WITH (
  'connector' = 'kafka', 'topic' = 'csv_hash', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'csv', 'csv.quote-character' = '#');
CREATE TABLE csv_bare (ts2 TIMESTAMP(0), s STRING) WITH (
  'connector' = 'kafka', 'topic' = 'csv_bare', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'csv', 'csv.disable-quote-character' = 'true');
EXECUTE STATEMENT SET BEGIN
  INSERT INTO csv_default SELECT s, b, bo, ti, i, f, d, dec, dt, tm0, tm3, ts, bytes FROM vals;
  INSERT INTO csv_semi SELECT s, dec2 FROM vals;
  INSERT INTO csv_plain SELECT dec2 FROM vals;
  INSERT INTO csv_hash SELECT ts2 FROM vals;
  INSERT INTO csv_bare SELECT ts2, s FROM vals;
END;
