-- What Flink's avro format cannot derive a schema for, also inside ARRAY,
-- MAP, MULTISET and ROW types (map keys must be strings).
CREATE TABLE src (a STRING) WITH (
  'connector' = 'kafka', 'topic' = 's', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'avro');
CREATE TABLE snk (
  `bad name` STRING,
  t TIMESTAMP(6),
  l TIMESTAMP_LTZ(3),
  m MAP<INT, STRING>,
  b MULTISET<BIGINT>,
  r ROW<ok INT, `bad-field` INT>,
  n ARRAY<ROW<x MAP<STRING, TIMESTAMP_LTZ(3)>>>
) WITH (
  'connector' = 'kafka', 'topic' = 'o', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'avro');
INSERT INTO snk (`bad name`, t, l) SELECT a, CAST(NULL AS TIMESTAMP(6)), CAST(NULL AS TIMESTAMP_LTZ(3)) FROM src;
