CREATE TABLE snk (id BIGINT, d AS id + 1, PRIMARY KEY (d) NOT ENFORCED) WITH (
  'connector' = 'upsert-kafka', 'topic' = 'o', 'properties.bootstrap.servers' = 'b:9092',
  'key.format' = 'json', 'value.format' = 'json');
