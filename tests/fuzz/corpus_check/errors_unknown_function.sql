CREATE TABLE src (user_id BIGINT, user_region STRING) WITH (
  'connector' = 'kafka', 'topic' = 's', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
CREATE TABLE snk (r STRING, n BIGINT) WITH (
  'connector' = 'kafka', 'topic' = 'o', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
INSERT INTO snk SELECT UPPR(user_region), user_id FROM src;
INSERT INTO snk SELECT SUBSTRING(user_region, 1, 2), user_id FROM src;
