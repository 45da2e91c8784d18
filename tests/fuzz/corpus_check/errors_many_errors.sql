-- several independent mistakes are all reported in one run
CREATE TABLE src (user_id BIGINT, user_id STRING) WITH (
  'connector' = 'kafak', 'topic' = 's', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
CREATE TABLE snk (r STRING, n BIGINT, PRIMARY KEY (x) NOT ENFORCED) WITH (
  'connector' = 'upsert-kafka', 'topic' = 'o', 'properties.bootstrap.servers' = 'b:9092',
  'key.format' = 'json', 'value.format' = 'jsn', 'scan.startup.mode' = 'earliest');
