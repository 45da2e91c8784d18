CREATE TABLE src (a BIGINT, s STRING) WITH (
  'connector' = 'kafka', 'topic' = 's', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
CREATE TABLE snk (n BIGINT) WITH (
  'connector' = 'kafka', 'topic' = 'o', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
INSERT INTO snk SELECT a FROM src WHERE a + 1;
INSERT INTO snk SELECT a FROM src WHERE s = 1;
