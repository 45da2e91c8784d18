-- A shared catalog file: tables and a view, no INSERT. `sqlkc check` accepts
-- it (exit 0) with a note; `sqlkc gen` and `build` need an INSERT.
CREATE TABLE orders (
  order_id BIGINT,
  customer STRING,
  amount DOUBLE,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECONDS
) WITH (
  'connector' = 'kafka', 'topic' = 'orders', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
CREATE TABLE totals (customer STRING, total DOUBLE, PRIMARY KEY (customer) NOT ENFORCED) WITH (
  'connector' = 'upsert-kafka', 'topic' = 'totals', 'properties.bootstrap.servers' = 'b:9092',
  'key.format' = 'json', 'value.format' = 'json');
CREATE VIEW big_orders AS SELECT order_id, customer, amount FROM orders WHERE amount > 100;
