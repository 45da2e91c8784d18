-- An upsert-kafka source is a changelog: an append-only kafka sink cannot
-- take it, nor an aggregate over it (Flink names the node that produces the
-- changes), and upsert-kafka reads from the earliest offset only.
CREATE TABLE changes (id BIGINT, region STRING, PRIMARY KEY (id) NOT ENFORCED) WITH (
  'connector' = 'upsert-kafka', 'topic' = 'c', 'properties.bootstrap.servers' = 'b:9092',
  'key.format' = 'json', 'value.format' = 'json');
CREATE TABLE log (id BIGINT, region STRING) WITH (
  'connector' = 'kafka', 'topic' = 'l', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
CREATE TABLE counts (region STRING, n BIGINT) WITH (
  'connector' = 'kafka', 'topic' = 'n', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
CREATE TABLE late (id BIGINT, region STRING, PRIMARY KEY (id) NOT ENFORCED) WITH (
  'connector' = 'upsert-kafka', 'topic' = 'c', 'properties.bootstrap.servers' = 'b:9092',
  'key.format' = 'json', 'value.format' = 'json', 'scan.startup.mode' = 'latest-offset');
INSERT INTO log SELECT * FROM changes;
INSERT INTO counts SELECT region, COUNT(*) FROM changes GROUP BY region;
INSERT INTO log SELECT * FROM late;
