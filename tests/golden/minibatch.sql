-- Mini-batch (tests/e2e/test_minibatch.sh): ChangelogNormalize and GroupAggregate
-- emit one change per key per bundle. Bundles here end after 50 rows or at the
-- end of input (the latency and the checkpoint interval are long, so that the
-- test can compute every bundle).
SET 'table.exec.mini-batch.enabled' = 'true';
SET 'table.exec.mini-batch.allow-latency' = '1 h';
SET 'table.exec.mini-batch.size' = '50';
SET 'execution.checkpointing.interval' = '1 h';
CREATE TABLE users (
  user_id BIGINT,
  region STRING,
  score INT,
  PRIMARY KEY (user_id) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka', 'topic' = 'users', 'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'json', 'value.format' = 'json', 'scan.bounded.mode' = 'latest-offset'
);
-- grouped by another column, under updates and deletes: retraction
CREATE TABLE per_region (
  region STRING, n BIGINT, scored BIGINT, total INT, lo INT, hi INT, mean INT, d BIGINT, big BIGINT,
  PRIMARY KEY (region) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka', 'topic' = 'per_region', 'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'json', 'value.format' = 'json'
);
INSERT INTO per_region
SELECT region, COUNT(*), COUNT(score), SUM(score), MIN(score), MAX(score), AVG(score),
       COUNT(DISTINCT score), COUNT(*) FILTER (WHERE score >= 50)
FROM users GROUP BY region;

-- reference/flink.md 5.3: the seed's pv/uv over one bundle
CREATE TABLE pageviews (user_id STRING, user_region STRING) WITH (
  'connector' = 'kafka', 'topic' = 'pageviews', 'properties.bootstrap.servers' = 'localhost:9092',
  'properties.group.id' = 'mb', 'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset',
  'format' = 'json'
);
CREATE TABLE pageviews_per_region (user_region STRING, pv BIGINT, uv BIGINT, PRIMARY KEY (user_region) NOT ENFORCED) WITH (
  'connector' = 'upsert-kafka', 'topic' = 'pageviews_per_region', 'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'raw', 'value.format' = 'json'
);
INSERT INTO pageviews_per_region
SELECT user_region, COUNT(*), COUNT(DISTINCT user_id) FROM pageviews GROUP BY user_region;
