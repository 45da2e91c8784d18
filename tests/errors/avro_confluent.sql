-- avro-confluent options: the registry URL is required, and a given schema
-- must parse and match the table (field names, types and nullability, as
-- Flink converts the schema back to a row type).
CREATE TABLE src (id BIGINT NOT NULL, name STRING, amount DECIMAL(10, 2)) WITH (
  'connector' = 'kafka', 'topic' = 'src', 'properties.bootstrap.servers' = 'b:9092',
  'format' = 'avro-confluent', 'avro-confluent.url' = 'http://registry:8081',
  'avro-confluent.schema' = '{"type":"record","name":"r","fields":[{"name":"id","type":"long"},{"name":"name","type":"string"},{"name":"amount","type":["null",{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}]}]}');
CREATE TABLE no_url (id BIGINT, name STRING) WITH (
  'connector' = 'kafka', 'topic' = 'a', 'properties.bootstrap.servers' = 'b:9092',
  'key.format' = 'avro-confluent', 'key.fields' = 'id', 'value.format' = 'avro-confluent',
  'value.avro-confluent.url' = 'http://registry:8081');
CREATE TABLE bad_schema (id BIGINT, name STRING) WITH (
  'connector' = 'kafka', 'topic' = 'c', 'properties.bootstrap.servers' = 'b:9092',
  'value.format' = 'avro-confluent', 'value.avro-confluent.url' = 'http://registry:8081',
  'value.avro-confluent.schema' = '{"type":"record","name":"r","fields":[{"name":"id","type":"lon"}]}');
CREATE TABLE renamed (id BIGINT, label STRING) WITH (
  'connector' = 'kafka', 'topic' = 'd', 'properties.bootstrap.servers' = 'b:9092',
  'format' = 'avro-confluent', 'avro-confluent.schema-registry.url' = 'http://registry:8081',
  'avro-confluent.schema-registry.schema' = '{"type":"record","name":"r","fields":[{"name":"id","type":["null","long"]},{"name":"name","type":["null","string"]}]}');
CREATE TABLE narrow (id TINYINT, name STRING) WITH (
  'connector' = 'kafka', 'topic' = 'e', 'properties.bootstrap.servers' = 'b:9092',
  'format' = 'avro-confluent', 'avro-confluent.url' = 'http://registry:8081',
  'avro-confluent.schema' = '{"type":"record","name":"r","fields":[{"name":"id","type":["null","int"]}]}');
INSERT INTO no_url SELECT id, name FROM src;
INSERT INTO bad_schema SELECT id, name FROM src;
INSERT INTO renamed SELECT id, name FROM src;
INSERT INTO narrow SELECT CAST(id AS TINYINT), name FROM src;
