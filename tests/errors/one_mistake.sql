-- One mistake, one diagnostic: a bad character once per statement, a type
-- that is not supported without a cast error after it, BETWEEN once, a
-- statement set that recovers inside itself, an empty statement set (a
-- warning: Flink's SQL client runs nothing for it); interval forms Flink
-- takes are 'not supported yet', an interval qualifier Calcite does not
-- have is a syntax error.
CREATE TABLE src (a BIGINT, s STRING, ts TIMESTAMP(3)) WITH (
  'connector' = 'kafka', 'topic' = 's', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
CREATE TABLE snk (a BIGINT) WITH (
  'connector' = 'kafka', 'topic' = 'o', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
INSERT INTO snk SELECT CAST(a AS RAW('x', 'y')) FROM src;
INSERT INTO snk SELECT a FROM src WHERE a BETWEEN 'x' AND 3;
INSERT INTO snk SELECT a FROM src WHERE a ## 3 # 4;
INSERT INTO snk SELECT a FROM src WHERE s > INTERVAL '1' FORTNIGHT;
INSERT INTO snk SELECT a FROM src WHERE a BETWEEN 'x' AND 'y';
INSERT INTO snk SELECT a FROM src WHERE ts > ts - INTERVAL 'abc' DAY;
INSERT INTO snk SELECT a FROM src WHERE ts > ts - INTERVAL '1' DAY TO DAY;
INSERT INTO snk SELECT a FROM src WHERE ts > ts - INTERVAL '1' MONTH;
INSERT INTO snk SELECT a FROM src WHERE ts > INTERVAL '1' HOUR + ts;
INSERT INTO snk SELECT a FROM src WHERE CAST(ts AS DATE) > CAST(ts AS DATE) - INTERVAL '1' DAY;
INSERT INTO snk SELECT a FROM src WHERE INTERVAL '1' HOUR > INTERVAL '30' MINUTE;
BEGIN STATEMENT SET;
INSERT INTO snk SELECT a FROM src WHERE;
INSERT INTO snk SELECT a FROM src;
END;
BEGIN STATEMENT SET;
END;
INSERT INTO snk SELECT a FROM src;
