-- OPTIONS hints are validated like the WITH clause, with the errors at the
-- hint; other table hints are refused; the DDL's own mistakes are reported
-- once, at the DDL, however often the table is hinted.
CREATE TABLE src (a BIGINT) WITH (
  'connector' = 'kafka', 'topic' = 's', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json',
  'scan.startup.mod' = 'earliest-offset');
CREATE TABLE ok (a BIGINT) WITH (
  'connector' = 'kafka', 'topic' = 's', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
CREATE TABLE snk (a BIGINT) WITH (
  'connector' = 'kafka', 'topic' = 'o', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
INSERT INTO snk SELECT a FROM src /*+ OPTIONS('topic' = 'x') */;
INSERT INTO snk SELECT a FROM ok /*+ OPTIONS('scan.startup.mdoe' = 'latest-offset') */;
INSERT INTO snk SELECT a FROM ok /*+ OPTIONS('format' = 'jsno') */;
INSERT INTO snk SELECT a FROM ok /*+ OPTIONS('scan.startup.mode' = 'yesterday') */;
INSERT INTO snk /*+ OPTIONS('sink.partitioner' = '') */ SELECT a FROM ok;
INSERT INTO snk SELECT a FROM ok /*+ LOOKUP('table' = 'ok') */;
INSERT INTO snk SELECT a FROM ok /*+ OPTIONS('a', 'b') */;
SET 'table.dynamic-table-options.enabled' = 'false';
INSERT INTO snk SELECT a FROM ok /*+ OPTIONS('topic' = 'y') */;
