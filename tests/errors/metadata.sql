-- Metadata columns: unknown keys and types that cannot hold the metadata are
-- errors (as in Flink), also for `headers`, which must be MAP<STRING, BYTES>.
CREATE TABLE src (
  a STRING,
  p STRING METADATA FROM 'partiton',
  o DATE METADATA FROM 'offset',
  ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp'
) WITH (
  'connector' = 'kafka', 'topic' = 's', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
CREATE TABLE snk (
  a STRING,
  ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp'
) WITH (
  'connector' = 'kafka', 'topic' = 'o', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
CREATE TABLE ok_src (a STRING, ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp') WITH (
  'connector' = 'kafka', 'topic' = 's2', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
INSERT INTO snk SELECT a, ts FROM ok_src;
CREATE TABLE bad_headers (a STRING, h MAP<STRING, STRING> METADATA FROM 'headers') WITH (
  'connector' = 'kafka', 'topic' = 's3', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
