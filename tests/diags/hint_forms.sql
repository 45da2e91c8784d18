-- The forms of Calcite's hint options that Flink's OPTIONS hint takes:
-- 'key' = 'value', key = 'value', values as numbers or identifiers; only the
-- first OPTIONS hint of a table is applied (FlinkHints.getHintedOptions), a
-- key given twice takes its last value; hints with no options. Valid, with
-- the warning for the ignored hint.
CREATE TABLE src (a BIGINT) WITH (
  'connector' = 'kafka', 'topic' = 's', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
CREATE TABLE snk (a BIGINT) WITH (
  'connector' = 'kafka', 'topic' = 'o', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
INSERT INTO snk SELECT a FROM src /*+ OPTIONS('topic' = 'x'), OPTIONS('topic' = 'y') */;
INSERT INTO snk SELECT a FROM src /*+ OPTIONS(topic = t2, 'properties.fetch.max.bytes' = 1024) */;
INSERT INTO snk SELECT a FROM src /*+ OPTIONS('topic' = 'a', 'topic' = 'b') */;
INSERT INTO snk SELECT a FROM src /*+ OPTIONS() */;
