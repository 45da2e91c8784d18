-- OPTIONS hints: what is invalid only with the hint is reported at the hint,
-- once, however often a view that holds it is used; a key given twice takes
-- its last value, which is validated. (tests/diags/hint_forms.sql: the
-- valid forms.)
CREATE TABLE src (a BIGINT) WITH (
  'connector' = 'kafka', 'topic' = 's', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
CREATE TABLE snk (a BIGINT) WITH (
  'connector' = 'kafka', 'topic' = 'o', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
CREATE VIEW hv AS SELECT a FROM src /*+ OPTIONS('scan.startup.mod' = 'latest-offset') */;
INSERT INTO snk SELECT a FROM hv;
INSERT INTO snk SELECT a FROM hv;
INSERT INTO snk SELECT a FROM src /*+ OPTIONS('connector' = 'upsert-kafka') */;
INSERT INTO snk SELECT a FROM src /*+ OPTIONS('scan.startup.mode' = 'latest-offset', 'scan.startup.mode' = 'yesterday') */;
