CREATE TABLE snk (r STRING, n BIGINT, PRIMARY KEY (r) NOT ENFORCED) WITH (
  'connector' = 'upsert-kafka', 'topic' = 'o', 'properties.bootstrap.servers' = 'b:9092',
  'key.format' = 'json', 'value.format' = 'json', 'sink.buffer-flush.max-rows' = '100');
