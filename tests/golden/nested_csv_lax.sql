-- ARRAY and ROW columns in csv with ignore-parse-errors (a bad element is
-- NULL, a short ROW is read as far as it goes, a long one is cut), a
-- two-character element delimiter and no null literal; written with a null
-- literal and an escape character. tests/unit/test_csv_nested.c runs such
-- jobs in memory, with every element type.
CREATE TABLE lax_in (
  id INT,
  ys ARRAY<BYTES>,
  r ROW<x DECIMAL(5, 2), y BYTES, t TIMESTAMP_LTZ(3)>
) WITH (
  'connector' = 'kafka',
  'topic' = 'lax_in',
  'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'csv',
  'csv.ignore-parse-errors' = 'true',
  'csv.array-element-delimiter' = '::'
);
CREATE TABLE esc_out (
  id INT,
  ys ARRAY<BYTES>,
  r ROW<x DECIMAL(5, 2), y BYTES, t TIMESTAMP_LTZ(3)>
) WITH (
  'connector' = 'kafka', 'topic' = 'esc_out', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'csv', 'csv.null-literal' = 'N/A', 'csv.escape-character' = '\',
  'csv.array-element-delimiter' = '|');
INSERT INTO esc_out SELECT * FROM lax_in;
