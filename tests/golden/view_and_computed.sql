-- A view over a table with a computed column, a statement set with two
-- INSERTs, SET, and quoted identifiers that are keywords.
SET 'table.exec.sink.not-null-enforcer' = 'DROP';
SET 'execution.checkpointing.interval' = '10 s';
CREATE TABLE events (
  `key` STRING,
  `value` BIGINT,
  `timestamp` TIMESTAMP(3),
  doubled AS `value` * 2,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '5' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'events',
  'properties.bootstrap.servers' = 'localhost:9092',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'json',
  'json.timestamp-format.standard' = 'ISO-8601'
);
CREATE TEMPORARY VIEW positive AS
SELECT `key`, `value`, doubled FROM events WHERE `value` > 0;
CREATE TABLE totals (
  `key` STRING,
  total BIGINT,
  PRIMARY KEY (`key`) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = 'totals',
  'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'json',
  'value.format' = 'json'
);
CREATE TABLE copies (
  `key` STRING,
  doubled BIGINT
) WITH (
  'connector' = 'kafka',
  'topic' = 'copies',
  'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json'
);
EXECUTE STATEMENT SET BEGIN
  INSERT INTO totals SELECT `key`, SUM(`value`) FROM positive GROUP BY `key`;
  INSERT INTO copies SELECT `key`, doubled FROM positive;
END;
