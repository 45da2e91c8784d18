-- The updating-input benchmark (bench/changelog/run.sh): an upsert-kafka source
-- of users (100k keys, 1M updates) grouped by another column, with retraction.
CREATE TABLE users (
  user_id BIGINT,
  region STRING,
  score INT,
  PRIMARY KEY (user_id) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka', 'topic' = 'users', 'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'json', 'value.format' = 'json'
);
CREATE TABLE per_region (
  region STRING, n BIGINT, total INT, lo INT, hi INT, d BIGINT,
  PRIMARY KEY (region) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka', 'topic' = 'per_region', 'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'json', 'value.format' = 'json'
);
INSERT INTO per_region
SELECT region, COUNT(*), SUM(score), MIN(score), MAX(score), COUNT(DISTINCT score)
FROM users GROUP BY region;
