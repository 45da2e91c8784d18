-- More of Flink's grammar: SYSTEM only for functions (CREATE TEMPORARY
-- SYSTEM TABLE is a syntax error), qualified stars, parenthesized joins,
-- quantified comparisons, CREATE FUNCTION ... WITH, GROUP BY ALL and
-- DISTINCT, string literal continuation (across lines only), catalog and
-- database qualifiers on INSERT.
CREATE TEMPORARY SYSTEM TABLE t1 (a BIGINT) WITH ('connector' = 'kafka');
CREATE TEMPORARY SYSTEM VIEW v1 AS SELECT 1;
CREATE TABLE src (a BIGINT, b BIGINT) WITH (
  'connector' = 'kafka', 'topic' = 's', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
CREATE TABLE snk (a BIGINT, b BIGINT) WITH (
  'connector' = 'kafka', 'topic' = 'o', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
INSERT INTO snk SELECT x.src.* FROM src;
INSERT INTO snk SELECT default_database.src.* FROM src;
INSERT INTO snk SELECT src.a, src.b FROM default_catalog.default_database.src;
INSERT INTO snk SELECT * FROM (src JOIN src AS s2 ON src.a = s2.a);
INSERT INTO snk SELECT a, b FROM src WHERE a = ANY (SELECT a FROM src);
INSERT INTO snk SELECT a, b FROM src WHERE a > ALL (SELECT a FROM src);
CREATE FUNCTION f AS 'com.x.F' LANGUAGE JAVA WITH ('k' = 'v');
INSERT INTO snk SELECT a, b FROM src GROUP BY DISTINCT a, b;
INSERT INTO snk SELECT a, b FROM src WHERE 'x' 'y' = 'xy';
INSERT INTO snk SELECT a, b FROM src WHERE 'x'
  'y' = 'xy';
INSERT INTO default_catalog.default_database.snk SELECT a, b FROM src;
INSERT INTO other_db.snk SELECT a, b FROM src;
INSERT INTO snk SELECT a, b FROM src WHERE a IN (SELECT a FROM src) GROUP BY ALL a, b;
