-- csv.escape-character on a sink (Jackson's CsvEncoder with an escape
-- character): the options of Flink's CsvRowDataSerDeSchemaTest
-- (delimiter ';', quote ''', escape '*') on the value, and a key with the
-- default quote and a backslash escape.
CREATE TABLE vals (
  k STRING, s STRING, n INT
) WITH (
  'connector' = 'kafka', 'topic' = 'vals', 'properties.bootstrap.servers' = 'localhost:9092',
  'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset', 'format' = 'json');
CREATE TABLE esc_out (
  k STRING, s STRING, n INT
) WITH (
  'connector' = 'kafka', 'topic' = 'esc_out', 'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'csv', 'key.fields' = 'k', 'key.csv.escape-character' = '\',
  'value.format' = 'csv', 'value.fields-include' = 'EXCEPT_KEY',
  'value.csv.field-delimiter' = ';', 'value.csv.quote-character' = '''',
  'value.csv.escape-character' = '*', 'value.csv.null-literal' = 'null');
INSERT INTO esc_out SELECT k, s, n FROM vals;
