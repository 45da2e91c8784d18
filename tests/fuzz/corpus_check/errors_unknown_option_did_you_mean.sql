CREATE TABLE pv (user_region STRING, pv BIGINT, PRIMARY KEY (user_region) NOT ENFORCED) WITH (
  'connector' = 'upsert-kafka',
  'topic' = 'pv',
  'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'json',
  'value.fromat' = 'json'
);
CREATE TABLE src (user_region STRING) WITH (
  'connector' = 'kafka', 'topic' = 's', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
INSERT INTO pv SELECT user_region, COUNT(*) FROM src GROUP BY user_region;
