-- The golden filter_project.sql (tests/golden), bounded with scan.bounded.mode
-- latest-offset, for test_insert_only.sh: filter and projection with
-- three-valued logic, CASE, CAST, LIKE, IN, BETWEEN, UPPER, kafka json to kafka json.
CREATE TABLE orders (
  order_id BIGINT,
  customer STRING,
  amount DOUBLE,
  quantity INT,
  status STRING,
  placed TIMESTAMP(3),
  vip BOOLEAN
) WITH (
  'connector' = 'kafka',
  'topic' = 'orders',
  'properties.bootstrap.servers' = 'localhost:9092',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset',
  'format' = 'json'
);
CREATE TABLE big_orders (
  order_id BIGINT,
  who STRING,
  total DOUBLE,
  bucket STRING,
  qty_text STRING,
  flagged BOOLEAN
) WITH (
  'connector' = 'kafka',
  'topic' = 'big_orders',
  'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json',
  'json.encode.ignore-null-fields' = 'true'
);
INSERT INTO big_orders
SELECT order_id,
       UPPER(customer) || '!',
       amount * quantity,
       CASE WHEN amount >= 100 THEN 'large' WHEN amount >= 10 THEN 'medium' ELSE 'small' END,
       CAST(quantity AS STRING),
       vip IS TRUE AND status IN ('new', 'paid')
FROM orders
WHERE (status LIKE 'p%' OR status = 'new') AND quantity BETWEEN 1 AND 1000 AND customer IS NOT NULL;
