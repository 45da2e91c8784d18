-- Statements and clauses that sqlkc runs or applies: Flink 1.12's unquoted SET
-- (a warning), SET keys sqlkc does not apply or does not know (warnings),
-- RESET, USE of the default catalog and database, DROP [IF EXISTS], a table
-- dropped and declared again, OPTIONS hints on a source and on a sink (the
-- hinted copies read and write with the merged options), BEGIN STATEMENT SET,
-- EXECUTE STATEMENT SET, EXECUTE INSERT, WITH, column aliases, plural and
-- multi-field intervals.
SET table.exec.mini-batch.enabled=false;
SET 'parallelism.default' = '4';
SET 'table.exec.mini-batch.enabeld' = 'true';
SET 'state.backend' = 'rocksdb';
SET 'execution.checkpointing.interval' = '10 s';
SET 'table.exec.sink.upsert-materialize' = 'FORCE';
RESET 'table.exec.sink.upsert-materialize';
USE CATALOG default_catalog;
USE default_database;
USE default_catalog.default_database;
DROP TABLE IF EXISTS nothere;
DROP TEMPORARY VIEW IF EXISTS nothere;
DROP FUNCTION IF EXISTS nothere;
CREATE TABLE orders (id BIGINT, customer STRING, amount DOUBLE, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1:30' MINUTE TO SECOND) WITH (
  'connector' = 'kafka', 'topic' = 'wrong', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
DROP TABLE orders;
CREATE TEMPORARY TABLE orders (id BIGINT, customer STRING, amount DOUBLE, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECONDS) WITH (
  'connector' = 'kafka', 'topic' = 'orders', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
CREATE TABLE totals (customer STRING, n BIGINT, PRIMARY KEY (customer) NOT ENFORCED) WITH (
  'connector' = 'upsert-kafka', 'topic' = 'totals', 'properties.bootstrap.servers' = 'b:9092',
  'key.format' = 'json', 'value.format' = 'json');
CREATE TABLE recent (id BIGINT, who STRING) WITH (
  'connector' = 'kafka', 'topic' = 'recent', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
BEGIN STATEMENT SET;
INSERT INTO totals
  SELECT customer, COUNT(*) FROM orders /*+ OPTIONS('scan.startup.mode' = 'latest-offset') */ GROUP BY customer;
INSERT INTO recent /*+ OPTIONS('topic' = 'recent_v2', 'sink.partitioner' = 'fixed') */
  SELECT o.i, o.c FROM orders AS o (i, c, a, t) WHERE o.t > o.t - INTERVAL '1 02:03:04.5' DAY TO SECOND;
END;
EXECUTE STATEMENT SET BEGIN
INSERT INTO recent
  WITH big AS (SELECT id, customer FROM orders WHERE amount > 100), named (x, y) AS (SELECT * FROM big)
  SELECT x, y FROM named WHERE x > 0;
END;
EXECUTE INSERT INTO recent SELECT id, customer FROM orders WHERE ts > ts - INTERVAL '2' HOURS;
INSERT INTO recent
  WITH x AS (WITH y AS (SELECT id, customer FROM orders), z AS (SELECT * FROM y) SELECT * FROM z),
       w1 AS (SELECT * FROM x), w2 AS (SELECT * FROM x WHERE id > 1)
  SELECT * FROM w2;
