-- Declared and valid in Flink, parsed and validated here, but not compiled
-- yet: each is reported at its location instead of being ignored.
CREATE TABLE src (
  id BIGINT,
  tags ARRAY<STRING>,
  ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp'
) WITH (
  'connector' = 'kafka', 'topic' = 's', 'properties.bootstrap.servers' = 'b:9092',
  'format' = 'csv'
);
CREATE TABLE changes (id BIGINT, n BIGINT, PRIMARY KEY (id) NOT ENFORCED) WITH (
  'connector' = 'upsert-kafka', 'topic' = 'c', 'properties.bootstrap.servers' = 'b:9092',
  'key.format' = 'json', 'value.format' = 'avro');
CREATE TABLE snk (id BIGINT, n BIGINT, PRIMARY KEY (id) NOT ENFORCED) WITH (
  'connector' = 'upsert-kafka', 'topic' = 'o', 'properties.bootstrap.servers' = 'b:9092',
  'key.format' = 'json', 'value.format' = 'json',
  'sink.buffer-flush.max-rows' = '1000', 'sink.buffer-flush.interval' = '1 s',
  'sink.delivery-guarantee' = 'exactly-once', 'sink.transactional-id-prefix' = 'x');
INSERT INTO snk SELECT id, COUNT(*) FROM src GROUP BY id;
INSERT INTO snk SELECT id, n FROM changes;
INSERT INTO snk SELECT id, 1 FROM src UNION ALL SELECT id, 2 FROM src;
