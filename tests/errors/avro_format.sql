-- What Flink's avro format cannot derive a schema for, and what is not
-- compiled yet (reading avro).
CREATE TABLE src (a STRING) WITH (
  'connector' = 'kafka', 'topic' = 's', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'avro');
CREATE TABLE snk (
  `bad name` STRING,
  t TIMESTAMP(6),
  l TIMESTAMP_LTZ(3)
) WITH (
  'connector' = 'kafka', 'topic' = 'o', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'avro');
INSERT INTO snk SELECT a, CAST(NULL AS TIMESTAMP(6)), CAST(NULL AS TIMESTAMP_LTZ(3)) FROM src;
