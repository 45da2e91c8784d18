-- Flink SQL's FROM items parse; those not compiled yet are each refused at
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
INSERT INTO out_t SELECT o.customer, o.order_id FROM orders o JOIN rates r ON o.customer = r.currency;
INSERT INTO out_t SELECT o.customer, o.order_id FROM orders o LEFT OUTER JOIN rates r USING (ts);
INSERT INTO out_t SELECT o.customer, o.order_id FROM orders o RIGHT JOIN rates r ON TRUE;
INSERT INTO out_t SELECT o.customer, o.order_id FROM orders o FULL JOIN rates r ON o.ts = r.ts;
INSERT INTO out_t SELECT o.customer, o.order_id FROM orders o NATURAL JOIN rates r;
INSERT INTO out_t SELECT o.customer, o.order_id FROM orders o, rates r WHERE o.customer = r.currency;
INSERT INTO out_t SELECT tag, order_id FROM orders CROSS JOIN UNNEST(tags) AS t (tag);
INSERT INTO out_t SELECT tag, order_id FROM orders, UNNEST(tags) WITH ORDINALITY AS t (tag, pos);
INSERT INTO out_t SELECT s, order_id FROM orders, LATERAL TABLE(split(customer)) AS t(s);
INSERT INTO out_t SELECT s, order_id FROM orders LEFT JOIN LATERAL TABLE(split(customer)) AS t(s) ON TRUE;
INSERT INTO out_t SELECT o.customer, o.order_id FROM orders AS o
  JOIN rates FOR SYSTEM_TIME AS OF o.ts AS r ON o.customer = r.currency;
INSERT INTO out_t SELECT customer, COUNT(*)
  FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '10' MINUTES))
  GROUP BY customer, window_start, window_end;
INSERT INTO out_t SELECT customer, COUNT(*)
  FROM TABLE(HOP(DATA => TABLE orders, TIMECOL => DESCRIPTOR(ts), SLIDE => INTERVAL '5' MINUTES,
                 SIZE => INTERVAL '10' MINUTES))
  GROUP BY customer, window_start, window_end;
INSERT INTO out_t SELECT customer, COUNT(*)
  FROM TABLE(CUMULATE(TABLE orders, DESCRIPTOR(ts), INTERVAL '2' MINUTES, INTERVAL '10' MINUTES))
  GROUP BY customer, window_start, window_end;
INSERT INTO out_t SELECT customer, COUNT(*)
  FROM TABLE(SESSION(TABLE orders PARTITION BY customer, DESCRIPTOR(ts), INTERVAL '5' MINUTES))
  GROUP BY customer, window_start, window_end;
INSERT INTO out_t SELECT customer, order_id FROM orders
  MATCH_RECOGNIZE (
    PARTITION BY customer ORDER BY ts
    MEASURES A.order_id AS order_id, FINAL LAST(B.amount) AS m
    ONE ROW PER MATCH
    AFTER MATCH SKIP PAST LAST ROW
    PATTERN (A B+? C{2,} {- D -} (E | F)*)
    WITHIN INTERVAL '1' HOUR
    DEFINE B AS B.amount > A.amount, C AS C.amount < 10
  ) AS T;
INSERT INTO out_t SELECT x, y FROM orders, LATERAL (SELECT customer AS x, 1 AS y);
INSERT INTO out_t SELECT k, v FROM my_process_function(TABLE orders, 'k');
