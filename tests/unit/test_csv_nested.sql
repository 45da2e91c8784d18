-- The job tests/unit/test_csv_nested.c runs in memory (sqlkc/mem.h): ARRAY
-- and ROW columns of every simple type in csv, read from csv sources (strict
-- with a null literal, and with ignore-parse-errors, no null literal and a
-- two-character element delimiter) and written to csv sinks (one with a null
-- literal, another delimiter and an escape character).
CREATE TABLE arrs_in (
  id INT,
  b ARRAY<BOOLEAN>, ti ARRAY<TINYINT>, si ARRAY<SMALLINT>, i ARRAY<INT>, bi ARRAY<BIGINT>,
  fl ARRAY<FLOAT>, db ARRAY<DOUBLE>, dc ARRAY<DECIMAL(5, 2)>, s ARRAY<STRING>, ch ARRAY<CHAR(3)>,
  y ARRAY<BYTES>, bn ARRAY<BINARY(3)>, dt ARRAY<DATE>, tm ARRAY<TIME(3)>, ts ARRAY<TIMESTAMP(3)>,
  tz ARRAY<TIMESTAMP_LTZ(3)>
) WITH (
  'connector' = 'kafka', 'topic' = 'arrs_in', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'csv', 'csv.null-literal' = 'null'
);
CREATE TABLE arrs_lax (
  id INT,
  b ARRAY<BOOLEAN>, ti ARRAY<TINYINT>, si ARRAY<SMALLINT>, i ARRAY<INT>, bi ARRAY<BIGINT>,
  fl ARRAY<FLOAT>, db ARRAY<DOUBLE>, dc ARRAY<DECIMAL(5, 2)>, s ARRAY<STRING>, ch ARRAY<CHAR(3)>,
  y ARRAY<BYTES>, bn ARRAY<BINARY(3)>, dt ARRAY<DATE>, tm ARRAY<TIME(3)>, ts ARRAY<TIMESTAMP(3)>,
  tz ARRAY<TIMESTAMP_LTZ(3)>
) WITH (
  'connector' = 'kafka', 'topic' = 'arrs_lax', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'csv', 'csv.ignore-parse-errors' = 'true', 'csv.array-element-delimiter' = 'ab'
);
CREATE TABLE arrs_out (
  id INT,
  b ARRAY<BOOLEAN>, ti ARRAY<TINYINT>, si ARRAY<SMALLINT>, i ARRAY<INT>, bi ARRAY<BIGINT>,
  fl ARRAY<FLOAT>, db ARRAY<DOUBLE>, dc ARRAY<DECIMAL(5, 2)>, s ARRAY<STRING>, ch ARRAY<CHAR(3)>,
  y ARRAY<BYTES>, bn ARRAY<BINARY(3)>, dt ARRAY<DATE>, tm ARRAY<TIME(3)>, ts ARRAY<TIMESTAMP(3)>,
  tz ARRAY<TIMESTAMP_LTZ(3)>
) WITH (
  'connector' = 'kafka', 'topic' = 'arrs_out', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'csv'
);
CREATE TABLE arrs_esc (
  id INT,
  b ARRAY<BOOLEAN>, ti ARRAY<TINYINT>, si ARRAY<SMALLINT>, i ARRAY<INT>, bi ARRAY<BIGINT>,
  fl ARRAY<FLOAT>, db ARRAY<DOUBLE>, dc ARRAY<DECIMAL(5, 2)>, s ARRAY<STRING>, ch ARRAY<CHAR(3)>,
  y ARRAY<BYTES>, bn ARRAY<BINARY(3)>, dt ARRAY<DATE>, tm ARRAY<TIME(3)>, ts ARRAY<TIMESTAMP(3)>,
  tz ARRAY<TIMESTAMP_LTZ(3)>
) WITH (
  'connector' = 'kafka', 'topic' = 'arrs_esc', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'csv', 'csv.null-literal' = 'N/A', 'csv.array-element-delimiter' = '|',
  'csv.escape-character' = '~'
);
CREATE TABLE rows_in (
  id INT,
  r2 ROW<x INT, s STRING>,
  r ROW<b BOOLEAN, ti TINYINT, si SMALLINT, i INT, bi BIGINT, fl FLOAT, db DOUBLE, dc DECIMAL(5, 2),
        s STRING, y BYTES, dt DATE, tm TIME(3), ts TIMESTAMP(3), tz TIMESTAMP_LTZ(3)>
) WITH (
  'connector' = 'kafka', 'topic' = 'rows_in', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'csv', 'csv.null-literal' = 'null'
);
CREATE TABLE rows_lax (
  id INT,
  r2 ROW<x INT, s STRING>,
  r ROW<b BOOLEAN, ti TINYINT, si SMALLINT, i INT, bi BIGINT, fl FLOAT, db DOUBLE, dc DECIMAL(5, 2),
        s STRING, y BYTES, dt DATE, tm TIME(3), ts TIMESTAMP(3), tz TIMESTAMP_LTZ(3)>
) WITH (
  'connector' = 'kafka', 'topic' = 'rows_lax', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'csv', 'csv.ignore-parse-errors' = 'true', 'csv.null-literal' = 'null'
);
CREATE TABLE rows_out (
  id INT,
  r2 ROW<x INT, s STRING>,
  r ROW<b BOOLEAN, ti TINYINT, si SMALLINT, i INT, bi BIGINT, fl FLOAT, db DOUBLE, dc DECIMAL(5, 2),
        s STRING, y BYTES, dt DATE, tm TIME(3), ts TIMESTAMP(3), tz TIMESTAMP_LTZ(3)>
) WITH (
  'connector' = 'kafka', 'topic' = 'rows_out', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'csv'
);
CREATE TABLE rows_esc (
  id INT,
  r2 ROW<x INT, s STRING>,
  r ROW<b BOOLEAN, ti TINYINT, si SMALLINT, i INT, bi BIGINT, fl FLOAT, db DOUBLE, dc DECIMAL(5, 2),
        s STRING, y BYTES, dt DATE, tm TIME(3), ts TIMESTAMP(3), tz TIMESTAMP_LTZ(3)>
) WITH (
  'connector' = 'kafka', 'topic' = 'rows_esc', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'csv', 'csv.null-literal' = 'N/A', 'csv.array-element-delimiter' = '|',
  'csv.escape-character' = '~'
);
EXECUTE STATEMENT SET BEGIN
  INSERT INTO arrs_out SELECT * FROM arrs_in;
  INSERT INTO arrs_esc SELECT * FROM arrs_in;
  INSERT INTO arrs_out SELECT * FROM arrs_lax;
  INSERT INTO arrs_esc SELECT * FROM arrs_lax;
  INSERT INTO rows_out SELECT * FROM rows_in;
  INSERT INTO rows_esc SELECT * FROM rows_in;
  INSERT INTO rows_out SELECT * FROM rows_lax;
  INSERT INTO rows_esc SELECT * FROM rows_lax;
END;
