CREATE TABLE pageviews (user_id BIGINT, user_region STRING) WITH (
  'connector' = 'kafka', 'topic' = 'pageviews',
  'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json');
CREATE TABLE counts (user_region STRING, pv BIGINT) WITH (
  'connector' = 'kafka', 'topic' = 'counts',
  'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json');
INSERT INTO counts SELECT user_region, COUNT(*) FROM pageviews GROUP BY user_region;
