-- Reading avro: one datum of the derived record schema per message, every
-- scalar type, nullable columns as null-first unions; written back as json.
CREATE TABLE items (
  id BIGINT NOT NULL,
  name STRING,
  price DECIMAL(10, 2),
  ratio DOUBLE,
  day DATE,
  seen TIMESTAMP(3),
  ok BOOLEAN,
  blob BYTES,
  small SMALLINT
) WITH (
  'connector' = 'kafka',
  'topic' = 'items',
  'properties.bootstrap.servers' = 'localhost:9092',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset',
  'format' = 'avro'
);
CREATE TABLE items_json (
  id BIGINT, name STRING, price DECIMAL(10, 2), ratio DOUBLE, day DATE, seen TIMESTAMP(3),
  ok BOOLEAN, blob BYTES, small SMALLINT
) WITH (
  'connector' = 'kafka', 'topic' = 'items_json', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json');
INSERT INTO items_json SELECT * FROM items;
