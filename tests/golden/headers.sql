-- The `headers` metadata (issue 3): read as MAP<STRING, BYTES> (a repeated
-- name keeps its last value, Flink's HashMap order), written into a JSON
-- value, and written as record headers by sinks (entries with a NULL value
-- are left out); an upsert-kafka source keeps its headers in
-- ChangelogNormalize, so a tombstone carries the stored row's headers; a
-- buffered upsert sink keeps the headers of each key's last change (a
-- pass-through on the key has no ChangelogNormalize: a delete carries the
-- tombstone's own headers).
CREATE TABLE events (
  id BIGINT,
  `headers` MAP<STRING, BYTES> METADATA
) WITH (
  'connector' = 'kafka',
  'topic' = 'events',
  'properties.bootstrap.servers' = 'localhost:9092',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset',
  'format' = 'json'
);
CREATE TABLE profiles (
  id BIGINT,
  score INT,
  hs MAP<STRING, BYTES> METADATA FROM 'headers' VIRTUAL,
  PRIMARY KEY (id) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = 'profiles',
  'properties.bootstrap.servers' = 'localhost:9092',
  'scan.bounded.mode' = 'latest-offset',
  'key.format' = 'json',
  'value.format' = 'json'
);
CREATE TABLE seen (id BIGINT, h MAP<STRING, BYTES>) WITH (
  'connector' = 'kafka', 'topic' = 'seen', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json');
CREATE TABLE relay (
  id BIGINT,
  `headers` MAP<STRING, BYTES> METADATA
) WITH (
  'connector' = 'kafka', 'topic' = 'relay', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json');
CREATE TABLE out_profiles (
  id BIGINT,
  score INT,
  hdrs MAP<STRING, BYTES> METADATA FROM 'headers',
  PRIMARY KEY (id) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka', 'topic' = 'out_profiles', 'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'json', 'value.format' = 'json');
CREATE TABLE out_buffered (
  id BIGINT,
  score INT,
  hdrs MAP<STRING, BYTES> METADATA FROM 'headers',
  PRIMARY KEY (id) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka', 'topic' = 'out_buffered', 'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'json', 'value.format' = 'json',
  'sink.buffer-flush.max-rows' = '100', 'sink.buffer-flush.interval' = '1 h');
EXECUTE STATEMENT SET BEGIN
  INSERT INTO seen SELECT id, `headers` FROM events;
  INSERT INTO relay SELECT id, `headers` FROM events WHERE id > 1;
  INSERT INTO out_profiles SELECT id, score, hs FROM profiles WHERE score > 0;
  INSERT INTO out_buffered SELECT id, score, hs FROM profiles;
END;
