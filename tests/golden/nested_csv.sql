-- ARRAY and ROW columns in csv (issue 3): one field of elements joined by
-- csv.array-element-delimiter, read (with a null literal) into JSON and
-- written from JSON (with another delimiter), as Flink's csv format does.
CREATE TABLE csv_in (
  id INT,
  tags ARRAY<STRING>,
  nums ARRAY<INT>,
  r ROW<s STRING, i INT, b BOOLEAN>,
  d ARRAY<DECIMAL(10, 2)>
) WITH (
  'connector' = 'kafka',
  'topic' = 'csv_in',
  'properties.bootstrap.servers' = 'localhost:9092',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset',
  'format' = 'csv',
  'csv.null-literal' = 'null'
);
CREATE TABLE json_out (
  id INT,
  tags ARRAY<STRING>,
  nums ARRAY<INT>,
  r ROW<s STRING, i INT, b BOOLEAN>,
  d ARRAY<DECIMAL(10, 2)>
) WITH (
  'connector' = 'kafka', 'topic' = 'json_out', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json');
CREATE TABLE json_in (
  id INT,
  tags ARRAY<STRING>,
  r ROW<s STRING, i INT, b BOOLEAN>,
  d ARRAY<DECIMAL(10, 2)>,
  bs ARRAY<BYTES>,
  ts ARRAY<TIMESTAMP(3)>
) WITH (
  'connector' = 'kafka',
  'topic' = 'json_in',
  'properties.bootstrap.servers' = 'localhost:9092',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset',
  'format' = 'json'
);
CREATE TABLE csv_out (
  id INT,
  tags ARRAY<STRING>,
  r ROW<s STRING, i INT, b BOOLEAN>,
  d ARRAY<DECIMAL(10, 2)>,
  bs ARRAY<BYTES>,
  ts ARRAY<TIMESTAMP(3)>
) WITH (
  'connector' = 'kafka', 'topic' = 'csv_out', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'csv', 'csv.array-element-delimiter' = '|');
EXECUTE STATEMENT SET BEGIN
  INSERT INTO json_out SELECT * FROM csv_in;
  INSERT INTO csv_out SELECT * FROM json_in;
END;
