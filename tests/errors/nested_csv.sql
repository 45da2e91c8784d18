-- csv holds ARRAY and ROW columns of simple types only (Flink's
-- CsvRowSchemaConverter), with its messages.
CREATE TABLE src (
  id INT,
  m MAP<STRING, INT>,
  b MULTISET<STRING>,
  aa ARRAY<ARRAY<INT>>,
  ra ROW<x INT, y ARRAY<INT>>,
  t ARRAY<TIME(6)>
) WITH (
  'connector' = 'kafka', 'topic' = 's', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'csv');
CREATE TABLE snk (id INT) WITH (
  'connector' = 'kafka', 'topic' = 'o', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'csv');
INSERT INTO snk SELECT id FROM src;
