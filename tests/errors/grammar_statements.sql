-- Flink SQL's statements parse; those sqlkc does not run are each refused at
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
CREATE TABLE orders2 WITH ('topic' = 'orders2') LIKE orders (EXCLUDING OPTIONS INCLUDING WATERMARKS);
CREATE TABLE big AS SELECT * FROM orders WHERE amount > 100;
CREATE OR REPLACE TABLE big2 AS SELECT * FROM orders;
CREATE TABLE parted (a BIGINT, p STRING) PARTITIONED BY (p) WITH (
  'connector' = 'kafka', 'topic' = 'x', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
CREATE TABLE dist (a BIGINT) DISTRIBUTED BY HASH(a) INTO 4 BUCKETS WITH (
  'connector' = 'kafka', 'topic' = 'x', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
CREATE TABLE types (r RAW('java.lang.String', 'snapshot'), v VARIANT, i INTERVAL DAY TO SECOND(3),
  tz TIMESTAMP(3) WITH TIME ZONE) WITH (
  'connector' = 'kafka', 'topic' = 'x', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
CREATE TABLE nested_wm (r ROW<t TIMESTAMP(3)>, WATERMARK FOR r.t AS r.t) WITH (
  'connector' = 'kafka', 'topic' = 'x', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
CREATE TEMPORARY SYSTEM FUNCTION count_char AS 'com.example.CountChar' LANGUAGE JAVA;
CREATE FUNCTION IF NOT EXISTS udf AS 'udf.py' LANGUAGE PYTHON USING JAR 'a.jar', JAR 'b.jar';
INSERT INTO out_t SELECT customer, count_char(customer, 'a') FROM orders;
CREATE CATALOG mycat WITH ('type' = 'hive');
CREATE DATABASE IF NOT EXISTS mycat.db COMMENT 'x';
DROP CATALOG IF EXISTS mycat;
USE CATALOG mycat;
USE MODULES core, hive;
SHOW TABLES;
DESCRIBE orders;
DESC orders;
EXPLAIN PLAN FOR SELECT * FROM orders;
EXPLAIN CHANGELOG_MODE, ESTIMATED_COST INSERT INTO out_t SELECT customer, order_id FROM orders;
ALTER TABLE orders SET ('scan.startup.mode' = 'latest-offset');
ANALYZE TABLE orders COMPUTE STATISTICS;
LOAD MODULE hive WITH ('hive-version' = '3.1.2');
ADD JAR '/tmp/udf.jar';
EXECUTE PLAN '/tmp/plan.json';
COMPILE PLAN '/tmp/plan.json' FOR INSERT INTO out_t SELECT customer, order_id FROM orders;
STOP JOB '228d70913eab60dda85c5e7f78b5782c' WITH SAVEPOINT;
CALL mycat.`system`.generate_n(4);
UPDATE out_t SET v = 1 WHERE k = 'a';
DELETE FROM out_t WHERE k = 'a';
TRUNCATE TABLE out_t;
INSERT INTO out_t PARTITION (k = 'a') SELECT customer, order_id FROM orders;
INSERT OVERWRITE out_t SELECT customer, order_id FROM orders;
CREATE TABLE uniq (a BIGINT, UNIQUE (a)) WITH (
  'connector' = 'kafka', 'topic' = 'x', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
CREATE TABLE untyped (a, b) WITH (
  'connector' = 'kafka', 'topic' = 'x', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
CREATE TABLE bm (b BITMAP, xs INT ARRAY, ys STRING MULTISET NOT NULL) WITH (
  'connector' = 'kafka', 'topic' = 'x', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
INSERT INTO out_t SELECT customer, order_id FROM orders ON CONFLICT DO NOTHING;
CREATE MODEL m INPUT (f STRING) OUTPUT (label DOUBLE) WITH ('provider' = 'openai');
DROP TEMPORARY MODEL IF EXISTS m;
CREATE MATERIALIZED TABLE mt FRESHNESS = INTERVAL '3' MINUTE AS SELECT * FROM orders;
CREATE CONNECTION conn WITH ('type' = 'basic');
COMPILE AND EXECUTE PLAN '/tmp/plan.json' FOR STATEMENT SET BEGIN
  INSERT INTO out_t SELECT customer, order_id FROM orders;
END;
EXPLAIN STATEMENT SET BEGIN INSERT INTO out_t SELECT customer, order_id FROM orders; END;
