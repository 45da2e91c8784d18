-- kafka sources with a key format: a JSON key with a prefix and EXCEPT_KEY,
-- and a raw key whose column the JSON value (ALL) also carries.
CREATE TABLE users (
  k_id BIGINT,
  k_region STRING,
  name STRING,
  score INT
) WITH (
  'connector' = 'kafka',
  'topic' = 'users',
  'properties.bootstrap.servers' = 'localhost:9092',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset',
  'key.format' = 'json',
  'key.fields' = 'k_region;k_id',
  'key.fields-prefix' = 'k_',
  'value.format' = 'json',
  'value.fields-include' = 'EXCEPT_KEY'
);
CREATE TABLE tags (
  tag STRING,
  label STRING
) WITH (
  'connector' = 'kafka',
  'topic' = 'tags',
  'properties.bootstrap.servers' = 'localhost:9092',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset',
  'key.format' = 'raw',
  'key.fields' = 'tag',
  'value.format' = 'json'
);
CREATE TABLE out_users (id BIGINT, region STRING, name STRING, score INT) WITH (
  'connector' = 'kafka', 'topic' = 'out_users', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json');
CREATE TABLE out_tags (tag STRING, label STRING) WITH (
  'connector' = 'kafka', 'topic' = 'out_tags', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json');
EXECUTE STATEMENT SET BEGIN
  INSERT INTO out_users SELECT k_id, k_region, name, score FROM users;
  INSERT INTO out_tags SELECT tag, label FROM tags;
END;
