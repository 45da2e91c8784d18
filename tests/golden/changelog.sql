-- The changelog end-to-end job (tests/e2e/test_changelog.sh): an upsert-kafka
-- source read as a changelog by five INSERTs, and the trace of 5.2.
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

-- upsert -> upsert on the same key: no ChangelogNormalize, deletes pass as tombstones
CREATE TABLE users_copy (
  user_id BIGINT, region STRING, score INT, PRIMARY KEY (user_id) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka', 'topic' = 'users_copy', 'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'json', 'value.format' = 'json'
);
INSERT INTO users_copy SELECT * FROM users;

-- a filter over the changelog: ChangelogNormalize with UPDATE_BEFORE (FLINK-9528)
CREATE TABLE high_scores (
  user_id BIGINT, score INT, PRIMARY KEY (user_id) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka', 'topic' = 'high_scores', 'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'json', 'value.format' = 'json'
);
INSERT INTO high_scores SELECT user_id, score FROM users WHERE score >= 50;

-- the sink's PRIMARY KEY (region) does not contain the upsert key (user_id):
-- a SinkUpsertMaterializer keeps the rows per region, the latest one is shown
CREATE TABLE region_last (
  region STRING, user_id BIGINT, score INT, PRIMARY KEY (region) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka', 'topic' = 'region_last', 'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'json', 'value.format' = 'json'
);
INSERT INTO region_last SELECT region, user_id, score FROM users;

-- the trace of reference/flink.md 5.5 on its own topic
CREATE TABLE moves (
  k STRING, region STRING, PRIMARY KEY (k) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka', 'topic' = 'moves', 'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'raw', 'value.format' = 'json', 'value.fields-include' = 'EXCEPT_KEY',
  'scan.bounded.mode' = 'latest-offset'
);
CREATE TABLE region_counts (
  region STRING, n BIGINT, PRIMARY KEY (region) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka', 'topic' = 'region_counts', 'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'raw', 'value.format' = 'json'
);
INSERT INTO region_counts SELECT region, COUNT(*) FROM moves GROUP BY region;

-- the trace of reference/flink.md 5.2: an insert-only source, one upsert per row
CREATE TABLE pageviews (user_id STRING, user_region STRING) WITH (
  'connector' = 'kafka', 'topic' = 'pageviews', 'properties.bootstrap.servers' = 'localhost:9092',
  'properties.group.id' = 'changelog', 'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset', 'format' = 'json'
);
CREATE TABLE pageviews_per_region (user_region STRING, pv BIGINT, uv BIGINT, PRIMARY KEY (user_region) NOT ENFORCED)
WITH (
  'connector' = 'upsert-kafka', 'topic' = 'pageviews_per_region', 'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'raw', 'value.format' = 'json'
);
INSERT INTO pageviews_per_region
SELECT user_region, COUNT(*), COUNT(DISTINCT user_id) FROM pageviews GROUP BY user_region;
