CREATE TABLE src (user_id BIGINT, user_region STRING) WITH (
  'connector' = 'kafka', 'topic' = 's', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
CREATE TABLE snk (r STRING, pv BIGINT, uv BIGINT, PRIMARY KEY (r) NOT ENFORCED) WITH (
  'connector' = 'upsert-kafka', 'topic' = 'o', 'properties.bootstrap.servers' = 'b:9092',
  'key.format' = 'json', 'value.format' = 'json');
INSERT INTO snk SELECT user_region, COUNT(*) FROM src GROUP BY user_region;
