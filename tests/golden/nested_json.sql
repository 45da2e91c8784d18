-- ARRAY, MAP, MULTISET and ROW columns in JSON (issue 3): passed through a
-- filter and a CAST to their own type into a JSON sink; an upsert-kafka
-- source with an ARRAY column keeps its rows in ChangelogNormalize (the
-- filter keeps the operator in the plan), which compares and copies them.
CREATE TABLE events (
  id BIGINT,
  tags ARRAY<STRING>,
  attrs MAP<STRING, INT>,
  bag MULTISET<STRING>,
  pos ROW<x DOUBLE, y DOUBLE, label STRING>,
  hist ARRAY<ROW<k STRING, v ARRAY<INT>>>,
  `when` ARRAY<TIMESTAMP(3)>
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
  tags ARRAY<STRING>,
  score INT,
  PRIMARY KEY (id) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = 'profiles',
  'properties.bootstrap.servers' = 'localhost:9092',
  'scan.bounded.mode' = 'latest-offset',
  'key.format' = 'json',
  'value.format' = 'json'
);
CREATE TABLE out_events (
  id BIGINT,
  tags ARRAY<STRING>,
  attrs MAP<STRING, INT>,
  bag MULTISET<STRING>,
  pos ROW<x DOUBLE, y DOUBLE, label STRING>,
  hist ARRAY<ROW<k STRING, v ARRAY<INT>>>,
  `when` ARRAY<TIMESTAMP(3)>,
  no_tags BOOLEAN
) WITH (
  'connector' = 'kafka', 'topic' = 'out_events', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json', 'json.map-null-key.mode' = 'LITERAL');
CREATE TABLE out_profiles (
  id BIGINT,
  tags ARRAY<STRING>,
  score INT,
  PRIMARY KEY (id) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka', 'topic' = 'out_profiles', 'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'json', 'value.format' = 'json');
EXECUTE STATEMENT SET BEGIN
  INSERT INTO out_events
  SELECT id, tags, attrs, bag, CAST(pos AS ROW<x DOUBLE, y DOUBLE, label STRING>), hist, `when`, tags IS NULL
  FROM events WHERE id > 0;
  INSERT INTO out_profiles SELECT id, tags, score FROM profiles WHERE score > 0;
END;
