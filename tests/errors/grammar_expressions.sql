-- Flink SQL's expressions parse; the functions and operators not compiled
-- yet are each refused at their location, never as a syntax error or as an
-- unknown function.
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
INSERT INTO out_t SELECT customer, SUM(order_id) OVER (PARTITION BY customer ORDER BY ts
  RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW) FROM orders;
INSERT INTO out_t SELECT customer, COUNT(*) OVER (ORDER BY ts ROWS BETWEEN 10 PRECEDING AND CURRENT ROW) FROM orders;
INSERT INTO out_t SELECT customer, LAG(order_id, 1) OVER (PARTITION BY customer ORDER BY ts) FROM orders;
INSERT INTO out_t SELECT customer, EXTRACT(DAY FROM ts) FROM orders;
INSERT INTO out_t SELECT customer, POSITION('a' IN customer) FROM orders;
INSERT INTO out_t SELECT TRIM(LEADING 'x' FROM customer), 1 FROM orders;
INSERT INTO out_t SELECT TRIM(customer), 1 FROM orders;
INSERT INTO out_t SELECT SUBSTRING(customer FROM 2 FOR 3), 1 FROM orders;
INSERT INTO out_t SELECT OVERLAY(customer PLACING 'ab' FROM 2 FOR 1), 1 FROM orders;
INSERT INTO out_t SELECT customer, 1 FROM orders WHERE FLOOR(ts TO HOUR) > TIMESTAMP '2024-01-01 00:00:00';
INSERT INTO out_t SELECT customer, 1 FROM orders WHERE CEIL(ts TO DAY) > TIMESTAMP '2024-01-01 00:00:00';
INSERT INTO out_t SELECT customer, 1 FROM orders WHERE customer SIMILAR TO 'a%';
INSERT INTO out_t SELECT customer, 1 FROM orders WHERE customer IS DISTINCT FROM 'x';
INSERT INTO out_t SELECT customer, 1 FROM orders WHERE customer IS NOT DISTINCT FROM 'x';
INSERT INTO out_t SELECT TRY_CAST(amount AS STRING), 1 FROM orders;
INSERT INTO out_t SELECT customer, 1 FROM orders WHERE customer IN (SELECT currency FROM rates);
INSERT INTO out_t SELECT customer, 1 FROM orders o WHERE EXISTS (SELECT 1 FROM rates r WHERE r.currency = o.customer);
INSERT INTO out_t SELECT customer, (SELECT COUNT(*) FROM rates) FROM orders;
INSERT INTO out_t SELECT customer, 1 FROM orders WHERE ts > CURRENT_TIMESTAMP;
INSERT INTO out_t SELECT customer, 1 FROM orders WHERE ts > LOCALTIMESTAMP;
INSERT INTO out_t SELECT customer, 1 FROM orders WHERE CURRENT_DATE IS NOT NULL;
INSERT INTO out_t SELECT CONVERT_TZ(customer, 'UTC', 'Asia/Shanghai'), 1 FROM orders;
INSERT INTO out_t SELECT customer, TIMESTAMPDIFF(SECOND, ts, ts) FROM orders;
INSERT INTO out_t SELECT customer, COUNT(*) FROM orders GROUP BY TUMBLE(ts, INTERVAL '1' HOUR), customer;
INSERT INTO out_t SELECT customer, TUMBLE_START(ts, INTERVAL '1' HOUR) FROM orders;
INSERT INTO out_t SELECT tags[1], 1 FROM orders;
INSERT INTO out_t SELECT attrs['k'], 1 FROM orders;
INSERT INTO out_t SELECT customer, CARDINALITY(tags) FROM orders;
INSERT INTO out_t SELECT CAST(ROW(customer, amount) AS STRING), 1 FROM orders;
INSERT INTO out_t SELECT customer, CARDINALITY(ARRAY[1, 2]) FROM orders;
INSERT INTO out_t SELECT MAP['a', customer]['a'], 1 FROM orders;
INSERT INTO out_t SELECT JSON_VALUE(customer, '$.a' RETURNING STRING NULL ON EMPTY DEFAULT 'x' ON ERROR), 1 FROM orders;
INSERT INTO out_t SELECT JSON_QUERY(customer, '$.a' WITH CONDITIONAL ARRAY WRAPPER EMPTY ARRAY ON EMPTY), 1 FROM orders;
INSERT INTO out_t SELECT JSON_OBJECT(KEY 'a' VALUE customer, 'b' VALUE amount NULL ON NULL), 1 FROM orders;
INSERT INTO out_t SELECT JSON_ARRAY(customer, amount ABSENT ON NULL), 1 FROM orders;
INSERT INTO out_t SELECT customer, 1 FROM orders WHERE customer IS JSON OBJECT;
INSERT INTO out_t SELECT customer, 1 FROM orders WHERE JSON_EXISTS(customer, '$.a' FALSE ON ERROR);
INSERT INTO out_t SELECT customer, COUNT(DISTINCT customer) FILTER (WHERE amount > 1) OVER (ORDER BY ts) FROM orders;
INSERT INTO out_t SELECT UPPER(s => customer), 1 FROM orders;
INSERT INTO out_t SELECT mycat.mydb.myfn(customer), 1 FROM orders;
INSERT INTO out_t SELECT PROCTIME_NOT_A_FUNCTION(), 1 FROM orders;
INSERT INTO out_t SELECT customer, CARDINALITY(ARRAY_AGG(order_id RESPECT NULLS ORDER BY ts)) FROM orders GROUP BY customer;
INSERT INTO out_t SELECT LISTAGG(customer) WITHIN GROUP (ORDER BY ts), 1 FROM orders;
INSERT INTO out_t SELECT customer, LAG(order_id) IGNORE NULLS OVER (ORDER BY ts) FROM orders;
INSERT INTO out_t SELECT customer, COUNT(order_id ORDER BY ts) FROM orders GROUP BY customer;
INSERT INTO out_t SELECT k, v FROM ML_PREDICT(TABLE orders, MODEL m, DESCRIPTOR(customer));
INSERT INTO out_t SELECT tag, order_id FROM orders, LATERAL UNNEST(tags) AS t (tag);
