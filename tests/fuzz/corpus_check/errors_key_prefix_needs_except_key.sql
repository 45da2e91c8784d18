CREATE TABLE sink (k_id BIGINT, name STRING, PRIMARY KEY (k_id) NOT ENFORCED) WITH (
  'connector' = 'upsert-kafka', 'topic' = 't',
  'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'json', 'value.format' = 'json',
  'key.fields-prefix' = 'k_');
