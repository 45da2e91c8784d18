-- Metadata columns read from the Kafka record, next to physical ones, and
-- the record timestamp written from a metadata column.
CREATE TABLE clicks (
  url STRING,
  src_topic STRING METADATA FROM 'topic' VIRTUAL,
  `partition` BIGINT METADATA VIRTUAL,
  `offset` BIGINT METADATA VIRTUAL,
  ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp',
  ts_type STRING METADATA FROM 'timestamp-type' VIRTUAL,
  epoch INT METADATA FROM 'leader-epoch' VIRTUAL
) WITH (
  'connector' = 'kafka',
  'topic' = 'clicks',
  'properties.bootstrap.servers' = 'localhost:9092',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset',
  'format' = 'json'
);
CREATE TABLE click_log (
  url STRING, t STRING, p BIGINT, o BIGINT, ts TIMESTAMP_LTZ(3), tt STRING, e INT
) WITH (
  'connector' = 'kafka', 'topic' = 'click_log', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json');
CREATE TABLE click_copy (
  url STRING,
  ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp'
) WITH (
  'connector' = 'kafka', 'topic' = 'click_copy', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json');
EXECUTE STATEMENT SET BEGIN
  INSERT INTO click_log SELECT url, src_topic, `partition`, `offset`, ts, ts_type, epoch FROM clicks WHERE `offset` <> 1;
  INSERT INTO click_copy SELECT url, ts - INTERVAL '1' HOUR FROM clicks;
END;
