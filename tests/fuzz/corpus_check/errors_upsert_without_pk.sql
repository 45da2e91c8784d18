CREATE TABLE sink (a STRING, n BIGINT) WITH (
  'connector' = 'upsert-kafka', 'topic' = 't',
  'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'json', 'value.format' = 'json');
