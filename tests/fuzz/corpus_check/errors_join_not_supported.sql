CREATE TABLE a (id BIGINT, x STRING) WITH (
  'connector' = 'kafka', 'topic' = 'a', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
CREATE TABLE snk (id BIGINT, x STRING) WITH (
  'connector' = 'kafka', 'topic' = 'o', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
INSERT INTO snk SELECT a.id, b.x FROM a JOIN a AS b ON a.id = b.id;
