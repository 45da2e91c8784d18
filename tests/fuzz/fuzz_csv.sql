-- The job fuzz_csv.c includes (generated at build time): its csv decoders of
-- ARRAY and ROW columns of every element type, under three sets of options,
-- each written back by a csv encoder under other options.
CREATE TABLE strict_in (
  a ARRAY<STRING>, n ARRAY<BIGINT>,
  r ROW<s STRING, d DOUBLE, x DECIMAL(10, 2), t TIMESTAMP(3), y BYTES>,
  m ARRAY<DECIMAL(38, 10)>,
  z ROW<b BOOLEAN, f FLOAT, dt DATE, tm TIME(3), tz TIMESTAMP_LTZ(3), ti TINYINT, si SMALLINT, i INT>
) WITH (
  'connector' = 'kafka', 'topic' = 'strict_in', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'csv', 'csv.null-literal' = 'null'
);
CREATE TABLE lax_in (
  a ARRAY<STRING>, n ARRAY<BIGINT>,
  r ROW<s STRING, d DOUBLE, x DECIMAL(10, 2), t TIMESTAMP(3), y BYTES>,
  m ARRAY<DECIMAL(38, 10)>,
  z ROW<b BOOLEAN, f FLOAT, dt DATE, tm TIME(3), tz TIMESTAMP_LTZ(3), ti TINYINT, si SMALLINT, i INT>
) WITH (
  'connector' = 'kafka', 'topic' = 'lax_in', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'csv', 'csv.ignore-parse-errors' = 'true', 'csv.array-element-delimiter' = 'ab',
  'csv.field-delimiter' = ';', 'csv.quote-character' = '''', 'csv.escape-character' = '\'
);
CREATE TABLE odd_in (
  a ARRAY<STRING>, n ARRAY<BIGINT>,
  r ROW<s STRING, d DOUBLE, x DECIMAL(10, 2), t TIMESTAMP(3), y BYTES>,
  m ARRAY<DECIMAL(38, 10)>,
  z ROW<b BOOLEAN, f FLOAT, dt DATE, tm TIME(3), tz TIMESTAMP_LTZ(3), ti TINYINT, si SMALLINT, i INT>
) WITH (
  'connector' = 'kafka', 'topic' = 'odd_in', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'csv', 'csv.ignore-parse-errors' = 'true', 'csv.null-literal' = 'null',
  'csv.array-element-delimiter' = ',', 'csv.field-delimiter' = '|', 'csv.allow-comments' = 'true',
  'csv.disable-quote-character' = 'true'
);
CREATE TABLE plain_out (
  a ARRAY<STRING>, n ARRAY<BIGINT>,
  r ROW<s STRING, d DOUBLE, x DECIMAL(10, 2), t TIMESTAMP(3), y BYTES>,
  m ARRAY<DECIMAL(38, 10)>,
  z ROW<b BOOLEAN, f FLOAT, dt DATE, tm TIME(3), tz TIMESTAMP_LTZ(3), ti TINYINT, si SMALLINT, i INT>
) WITH (
  'connector' = 'kafka', 'topic' = 'plain_out', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'csv'
);
CREATE TABLE esc_out (
  a ARRAY<STRING>, n ARRAY<BIGINT>,
  r ROW<s STRING, d DOUBLE, x DECIMAL(10, 2), t TIMESTAMP(3), y BYTES>,
  m ARRAY<DECIMAL(38, 10)>,
  z ROW<b BOOLEAN, f FLOAT, dt DATE, tm TIME(3), tz TIMESTAMP_LTZ(3), ti TINYINT, si SMALLINT, i INT>
) WITH (
  'connector' = 'kafka', 'topic' = 'esc_out', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'csv', 'csv.null-literal' = 'N/A', 'csv.array-element-delimiter' = '|',
  'csv.escape-character' = '*', 'csv.quote-character' = ''''
);
CREATE TABLE bare_out (
  a ARRAY<STRING>, n ARRAY<BIGINT>,
  r ROW<s STRING, d DOUBLE, x DECIMAL(10, 2), t TIMESTAMP(3), y BYTES>,
  m ARRAY<DECIMAL(38, 10)>,
  z ROW<b BOOLEAN, f FLOAT, dt DATE, tm TIME(3), tz TIMESTAMP_LTZ(3), ti TINYINT, si SMALLINT, i INT>
) WITH (
  'connector' = 'kafka', 'topic' = 'bare_out', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'csv', 'csv.disable-quote-character' = 'true', 'csv.array-element-delimiter' = 'ab'
);
EXECUTE STATEMENT SET BEGIN
  INSERT INTO plain_out SELECT * FROM strict_in;
  INSERT INTO esc_out SELECT * FROM lax_in;
  INSERT INTO bare_out SELECT * FROM odd_in;
END;
