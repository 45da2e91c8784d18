-- Upsert sinks with sink.buffer-flush.* (tests/e2e/test_buffered_sink.sh): the
-- last change per key is held and written on size, on the interval, before
-- every offset commit and at the end of input.
SET 'execution.checkpointing.interval' = '1 h';
CREATE TABLE clicks (user_id BIGINT, region STRING) WITH (
  'connector' = 'kafka', 'topic' = 'clicks', 'properties.bootstrap.servers' = 'localhost:9092',
  'properties.group.id' = 'buffered', 'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset', 'format' = 'json'
);
CREATE TABLE region_clicks (region STRING, n BIGINT, PRIMARY KEY (region) NOT ENFORCED) WITH (
  'connector' = 'upsert-kafka', 'topic' = 'region_clicks', 'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'json', 'value.format' = 'json',
  'sink.buffer-flush.max-rows' = '1000', 'sink.buffer-flush.interval' = '1 h'
);
CREATE TABLE region_clicks_small (region STRING, n BIGINT, PRIMARY KEY (region) NOT ENFORCED) WITH (
  'connector' = 'upsert-kafka', 'topic' = 'region_clicks_small', 'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'json', 'value.format' = 'json',
  'sink.buffer-flush.max-rows' = '3', 'sink.buffer-flush.interval' = '1 h'
);
INSERT INTO region_clicks SELECT region, COUNT(*) FROM clicks GROUP BY region;
INSERT INTO region_clicks_small SELECT region, COUNT(*) FROM clicks GROUP BY region;

CREATE TABLE accounts (id BIGINT, name STRING, PRIMARY KEY (id) NOT ENFORCED) WITH (
  'connector' = 'upsert-kafka', 'topic' = 'accounts', 'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'json', 'value.format' = 'json', 'scan.bounded.mode' = 'latest-offset'
);
CREATE TABLE accounts_out (id BIGINT, name STRING, PRIMARY KEY (id) NOT ENFORCED) WITH (
  'connector' = 'upsert-kafka', 'topic' = 'accounts_out', 'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'json', 'value.format' = 'json',
  'sink.buffer-flush.max-rows' = '100', 'sink.buffer-flush.interval' = '1 h'
);
INSERT INTO accounts_out SELECT * FROM accounts;
