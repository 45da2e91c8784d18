-- Mini-batch ChangelogNormalize over rows with ARRAY and MAP columns (issue
-- 3): a bundle keeps deep copies of each key's last row past the record that
-- brought it (tests/e2e/test_nested_minibatch.sh); bundles end after 3 rows.
SET 'table.exec.mini-batch.enabled' = 'true';
SET 'table.exec.mini-batch.allow-latency' = '1 h';
SET 'table.exec.mini-batch.size' = '3';
SET 'execution.checkpointing.interval' = '1 h';
CREATE TABLE profiles (
  id BIGINT,
  tags ARRAY<STRING>,
  attrs MAP<STRING, STRING>,
  score INT,
  PRIMARY KEY (id) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka', 'topic' = 'profiles', 'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'json', 'value.format' = 'json', 'scan.bounded.mode' = 'latest-offset'
);
CREATE TABLE out_profiles (
  id BIGINT,
  tags ARRAY<STRING>,
  attrs MAP<STRING, STRING>,
  score INT,
  PRIMARY KEY (id) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka', 'topic' = 'out_profiles', 'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'json', 'value.format' = 'json'
);
INSERT INTO out_profiles SELECT * FROM profiles WHERE score > 0;
