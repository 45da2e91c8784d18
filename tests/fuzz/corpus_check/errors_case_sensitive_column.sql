CREATE TABLE src (userId BIGINT) WITH (
  'connector' = 'kafka', 'topic' = 's', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
CREATE TABLE snk (n BIGINT) WITH (
  'connector' = 'kafka', 'topic' = 'o', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
INSERT INTO snk SELECT userid FROM src;
