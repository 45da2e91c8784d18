-- Mini-batch needs a latency and a size; bad values are reported where they are set.
SET 'table.exec.mini-batch.enabled' = 'yes';
SET 'table.exec.mini-batch.allow-latency' = 'soon';
SET 'table.exec.mini-batch.size' = '10 rows';
SET 'table.exec.mini-batch.enabled' = 'true';
SET 'table.exec.mini-batch.allow-latency' = '0 s';
CREATE TABLE src (region STRING) WITH (
  'connector' = 'kafka', 'topic' = 's', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
CREATE TABLE snk (region STRING, n BIGINT, PRIMARY KEY (region) NOT ENFORCED) WITH (
  'connector' = 'upsert-kafka', 'topic' = 'o', 'properties.bootstrap.servers' = 'b:9092',
  'key.format' = 'json', 'value.format' = 'json');
INSERT INTO snk SELECT region, COUNT(*) FROM src GROUP BY region;
SET 'table.exec.mini-batch.allow-latency' = '2 s';
INSERT INTO snk SELECT region, COUNT(*) FROM src GROUP BY region;
