-- CAST to CHAR(n) and VARCHAR(n) for test_casts.sh: Flink 1.15+ cuts the
-- value to n code points, and pads a CHAR(n) with spaces to n
-- (CharVarCharTrimPadCastRule), from strings and from other types alike.
CREATE TABLE src (
  id BIGINT,
  s STRING,
  n BIGINT,
  d DOUBLE,
  b BOOLEAN
) WITH (
  'connector' = 'kafka', 'topic' = 'src', 'properties.bootstrap.servers' = 'localhost:9092',
  'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset', 'format' = 'json'
);
CREATE TABLE dst (
  id BIGINT,
  v3 STRING,
  c5 STRING,
  c1 STRING,
  n2 STRING,
  n8 STRING,
  d4 STRING,
  b6 STRING,
  lit STRING,
  litc STRING,
  nested STRING
) WITH (
  'connector' = 'kafka', 'topic' = 'dst', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json'
);
INSERT INTO dst
SELECT id,
       CAST(s AS VARCHAR(3)),
       CAST(s AS CHAR(5)),
       CAST(s AS CHAR),
       CAST(n AS VARCHAR(2)),
       CAST(n AS CHAR(8)),
       CAST(d AS VARCHAR(4)),
       CAST(b AS CHAR(6)),
       CAST('abcdefg' AS VARCHAR(3)),
       CAST('ab' AS CHAR(4)),
       CAST(CAST(s AS CHAR(6)) AS VARCHAR(4))
FROM src;
