-- When the sink gets a SinkUpsertMaterializer ('table.exec.sink.upsert-materialize',
-- applied to the INSERTs after it) and when UPDATE_BEFORE reaches the sink instead.
CREATE TABLE users (user_id BIGINT, region STRING, score INT, PRIMARY KEY (user_id) NOT ENFORCED) WITH (
  'connector' = 'upsert-kafka', 'topic' = 'users', 'properties.bootstrap.servers' = 'b:9092',
  'key.format' = 'json', 'value.format' = 'json');
CREATE TABLE by_region (region STRING, user_id BIGINT, score INT, PRIMARY KEY (region) NOT ENFORCED) WITH (
  'connector' = 'upsert-kafka', 'topic' = 'by_region', 'properties.bootstrap.servers' = 'b:9092',
  'key.format' = 'json', 'value.format' = 'json');
CREATE TABLE by_user_region (region STRING, user_id BIGINT, score INT,
  PRIMARY KEY (region, user_id) NOT ENFORCED) WITH (
  'connector' = 'upsert-kafka', 'topic' = 'by_user_region', 'properties.bootstrap.servers' = 'b:9092',
  'key.format' = 'json', 'value.format' = 'json');
-- AUTO: the PK (region) contains no upsert key of the input (user_id): materialized
INSERT INTO by_region SELECT region, user_id, score FROM users;
-- AUTO: the PK (region, user_id) contains the upsert key (user_id) without being it:
-- no materializer, UPDATE_BEFORE reaches the sink as a tombstone
INSERT INTO by_user_region SELECT region, user_id, score FROM users;
SET 'table.exec.sink.upsert-materialize' = 'NONE';
INSERT INTO by_region SELECT region, user_id, score FROM users;
SET 'table.exec.sink.upsert-materialize' = 'FORCE';
INSERT INTO by_user_region SELECT region, user_id, score FROM users;
