-- Reading avro-confluent: the writer schema comes from the registry by the id
-- in each record; the table's own schema given as 'avro-confluent.schema'
-- (checked against the columns), one record-time column, written back as json.
CREATE TABLE orders (
  id BIGINT NOT NULL,
  item STRING,
  amount DECIMAL(10, 2),
  placed TIMESTAMP(3)
) WITH (
  'connector' = 'kafka',
  'topic' = 'orders',
  'properties.bootstrap.servers' = 'localhost:9092',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset',
  'format' = 'avro-confluent',
  'avro-confluent.url' = 'http://localhost:8081',
  'avro-confluent.schema' = '{"type":"record","name":"Order","namespace":"shop","fields":[{"name":"id","type":"long"},{"name":"item","type":["null","string"],"default":null},{"name":"amount","type":["null",{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}],"default":null},{"name":"placed","type":["null",{"type":"long","logicalType":"timestamp-millis"}],"default":null}]}'
);
CREATE TABLE orders_json (
  id BIGINT, item STRING, amount DECIMAL(10, 2), placed TIMESTAMP(3)
) WITH (
  'connector' = 'kafka', 'topic' = 'orders_json', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json');
INSERT INTO orders_json SELECT * FROM orders;
