-- OPTIONS hints (Flink's dynamic table options) for test_hints.sh: the DDL
-- names topics that do not exist; each use of a table takes its own hints.
CREATE TABLE events (id BIGINT, name STRING) WITH (
  'connector' = 'kafka', 'topic' = 'no_such_topic', 'properties.bootstrap.servers' = 'localhost:9092',
  'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset', 'format' = 'json');
CREATE TABLE copies (id BIGINT, name STRING) WITH (
  'connector' = 'kafka', 'topic' = 'no_such_topic_out', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json');
EXECUTE STATEMENT SET BEGIN
INSERT INTO copies /*+ OPTIONS('topic' = 'out_a') */
  SELECT id, name FROM events /*+ OPTIONS('topic' = 'in_a') */;
INSERT INTO copies /*+ OPTIONS('topic' = 'out_b') */
  SELECT id, UPPER(name) FROM events /*+ OPTIONS('topic' = 'in_b', 'json.ignore-parse-errors' = 'true') */;
END;
