-- A view or WITH item analyzed again at each use: what fails only there
-- (a table dropped or redeclared since, a hint) is reported at the use,
-- once, and the INSERT is never silently dropped; WITH items see only the
-- items before them (WITH is not recursive: an item named like a table
-- reads the table).
CREATE TABLE src (a BIGINT, b BIGINT) WITH (
  'connector' = 'kafka', 'topic' = 's', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
CREATE TABLE gone (a BIGINT) WITH (
  'connector' = 'kafka', 'topic' = 'g', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
CREATE TABLE snk (a BIGINT, b BIGINT) WITH (
  'connector' = 'kafka', 'topic' = 'o', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
CREATE VIEW v (x, y) AS SELECT a, b FROM src;
CREATE VIEW w AS SELECT a, a AS b FROM gone;
CREATE VIEW v2 (x, y) AS SELECT * FROM src;
DROP TABLE src;
DROP TABLE gone;
CREATE TABLE src (a BIGINT) WITH (
  'connector' = 'kafka', 'topic' = 's', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
INSERT INTO snk SELECT x, x FROM v;
INSERT INTO snk SELECT * FROM w;
INSERT INTO snk SELECT x, x FROM v2;
INSERT INTO snk WITH t1 AS (SELECT a, a AS b FROM t2), t2 AS (SELECT a, a AS b FROM src) SELECT * FROM t1;
INSERT INTO snk WITH src AS (SELECT a, a + 1 AS b FROM src) SELECT * FROM src;
INSERT INTO snk WITH t AS (SELECT a, a AS b FROM src) SELECT * FROM t /*+ OPTIONS('topic' = 'x') */;
INSERT INTO snk WITH t AS (SELECT a, a AS b FROM src),
                     u AS (WITH t AS (SELECT a, 2 AS b FROM src) SELECT * FROM t)
                SELECT * FROM u;
