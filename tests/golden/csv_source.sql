-- The csv format on sources (CsvRowDataDeserializationSchema): every scalar
-- type with a null literal, comments and an escape character; a lenient
-- table (ignore-parse-errors, ';' and ''' as delimiter and quote); a csv key
-- with its own delimiter; and the round trip of csv_sink.sql's csv_default
-- topic read back with the same schema.
CREATE TABLE csv_in (
  s STRING, b BIGINT, bo BOOLEAN, ti TINYINT, si SMALLINT, i INT, f FLOAT, d DOUBLE,
  dec DECIMAL(10, 3), dt DATE, tm TIME(3), tm0 TIME(0), ts TIMESTAMP(3), ltz TIMESTAMP_LTZ(3), bin BYTES
) WITH (
  'connector' = 'kafka', 'topic' = 'csv_in', 'properties.bootstrap.servers' = 'localhost:9092',
  'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset',
  'format' = 'csv', 'csv.null-literal' = 'null', 'csv.allow-comments' = 'true',
  'csv.escape-character' = '\');
CREATE TABLE csv_lenient (s STRING, i INT, dt DATE) WITH (
  'connector' = 'kafka', 'topic' = 'csv_lenient', 'properties.bootstrap.servers' = 'localhost:9092',
  'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset',
  'format' = 'csv', 'csv.ignore-parse-errors' = 'true', 'csv.field-delimiter' = ';',
  'csv.quote-character' = '''');
CREATE TABLE csv_keyed (k1 STRING, k2 INT, v STRING, n DOUBLE) WITH (
  'connector' = 'kafka', 'topic' = 'csv_keyed', 'properties.bootstrap.servers' = 'localhost:9092',
  'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset',
  'key.format' = 'csv', 'key.fields' = 'k1;k2', 'key.csv.field-delimiter' = '|',
  'value.format' = 'csv', 'value.fields-include' = 'EXCEPT_KEY', 'value.csv.disable-quote-character' = 'true');
CREATE TABLE csv_default (
  s STRING, b BIGINT, bo BOOLEAN, ti TINYINT, i INT, f FLOAT, d DOUBLE,
  dec DECIMAL(38, 25), dt DATE, tm0 TIME(0), tm3 TIME(3), ts TIMESTAMP(0), bytes BYTES
) WITH (
  'connector' = 'kafka', 'topic' = 'csv_default', 'properties.bootstrap.servers' = 'localhost:9092',
  'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset',
  'format' = 'csv', 'csv.null-literal' = 'null');
CREATE TABLE out_all (
  s STRING, b BIGINT, bo BOOLEAN, ti TINYINT, si SMALLINT, i INT, f FLOAT, d DOUBLE,
  dec DECIMAL(10, 3), dt DATE, tm TIME(3), tm0 TIME(0), ts TIMESTAMP(3), ltz TIMESTAMP_LTZ(3), bin BYTES
) WITH ('connector' = 'kafka', 'topic' = 'out_all', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json');
CREATE TABLE out_lenient (s STRING, i INT, dt DATE) WITH (
  'connector' = 'kafka', 'topic' = 'out_lenient', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json');
CREATE TABLE out_keyed (k1 STRING, k2 INT, v STRING, n DOUBLE) WITH (
  'connector' = 'kafka', 'topic' = 'out_keyed', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json');
CREATE TABLE out_rt (
  s STRING, b BIGINT, bo BOOLEAN, ti TINYINT, i INT, f FLOAT, d DOUBLE,
  dec DECIMAL(38, 25), dt DATE, tm0 TIME(0), tm3 TIME(3), ts TIMESTAMP(0), bytes BYTES
) WITH ('connector' = 'kafka', 'topic' = 'out_rt', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json');
EXECUTE STATEMENT SET BEGIN
  INSERT INTO out_all SELECT * FROM csv_in;
  INSERT INTO out_lenient SELECT * FROM csv_lenient;
  INSERT INTO out_keyed SELECT * FROM csv_keyed;
  INSERT INTO out_rt SELECT * FROM csv_default;
END;
