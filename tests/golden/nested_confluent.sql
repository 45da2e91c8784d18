-- ARRAY, MAP and ROW columns in avro-confluent (issue 3): a source whose
-- records come with the table's schema or an evolved writer schema (fields
-- in another order, an extra field in a nested record), resolved by the job,
-- and a sink that registers the schema Flink derives (tests/e2e/test_nested_confluent.sh).
CREATE TABLE things (
  id BIGINT NOT NULL,
  tags ARRAY<STRING>,
  attrs MAP<STRING, INT>,
  pos ROW<x DOUBLE, label STRING>
) WITH (
  'connector' = 'kafka',
  'topic' = 'things',
  'properties.bootstrap.servers' = 'localhost:9092',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset',
  'format' = 'avro-confluent',
  'avro-confluent.url' = 'http://localhost:8081'
);
CREATE TABLE things_out (
  id BIGINT NOT NULL,
  tags ARRAY<STRING>,
  attrs MAP<STRING, INT>,
  pos ROW<x DOUBLE, label STRING>
) WITH (
  'connector' = 'kafka', 'topic' = 'things_out', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'avro-confluent', 'avro-confluent.url' = 'http://localhost:8081');
INSERT INTO things_out SELECT * FROM things;
