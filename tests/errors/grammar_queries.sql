-- Flink SQL's query forms parse; those not compiled yet are each refused at
-- their location as 'not supported yet', never as a syntax error.
CREATE TABLE orders (
  order_id BIGINT, customer STRING, amount DOUBLE, tags ARRAY<STRING>, attrs MAP<STRING, STRING>,
  ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECONDS
) WITH ('connector' = 'kafka', 'topic' = 'orders', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
CREATE TABLE rates (currency STRING, rate DOUBLE, ts TIMESTAMP(3), WATERMARK FOR ts AS ts,
  PRIMARY KEY (currency) NOT ENFORCED) WITH (
  'connector' = 'upsert-kafka', 'topic' = 'rates', 'properties.bootstrap.servers' = 'b:9092',
  'key.format' = 'json', 'value.format' = 'json');
CREATE TABLE out_t (k STRING, v BIGINT) WITH (
  'connector' = 'kafka', 'topic' = 'o', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
INSERT INTO out_t SELECT customer, order_id FROM orders ORDER BY ts;
INSERT INTO out_t SELECT customer, order_id FROM orders ORDER BY ts DESC NULLS LAST LIMIT 10 OFFSET 2;
INSERT INTO out_t SELECT customer, order_id FROM orders LIMIT 10;
INSERT INTO out_t SELECT customer, order_id FROM orders FETCH FIRST 5 ROWS ONLY;
INSERT INTO out_t SELECT customer, order_id FROM orders UNION ALL SELECT customer, order_id FROM orders;
INSERT INTO out_t (SELECT customer, order_id FROM orders) UNION (SELECT customer, order_id FROM orders);
INSERT INTO out_t SELECT customer, order_id FROM orders INTERSECT SELECT customer, order_id FROM orders;
INSERT INTO out_t SELECT customer, order_id FROM orders EXCEPT ALL SELECT customer, order_id FROM orders;
INSERT INTO out_t VALUES ('a', 1), ('b', 2);
INSERT INTO out_t SELECT 'a', 1;
INSERT INTO out_t SELECT customer, ROW_NUMBER() OVER w FROM orders WINDOW w AS (PARTITION BY customer ORDER BY ts);
INSERT INTO out_t SELECT customer, COUNT(*) FROM orders GROUP BY GROUPING SETS ((customer), ());
INSERT INTO out_t SELECT customer, COUNT(*) FROM orders GROUP BY ROLLUP (customer);
INSERT INTO out_t SELECT customer, COUNT(*) FROM orders GROUP BY CUBE (customer, amount);
INSERT INTO out_t SELECT /*+ STATE_TTL('orders' = '1d') */ customer, COUNT(*) FROM orders GROUP BY customer;
SELECT * FROM orders;
WITH c AS (SELECT customer FROM orders) SELECT * FROM c;
