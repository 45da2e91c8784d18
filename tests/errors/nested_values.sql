-- ARRAY, MAP, MULTISET and ROW values pass through queries; operations on
-- them are reported at their location, and a PRIMARY KEY cannot hold one yet.
CREATE TABLE src (
  id BIGINT,
  tags ARRAY<STRING>,
  attrs MAP<STRING, INT>,
  pos ROW<x DOUBLE, y DOUBLE>
) WITH (
  'connector' = 'kafka', 'topic' = 's', 'properties.bootstrap.servers' = 'b:9092',
  'format' = 'json'
);
CREATE TABLE keyed (k ARRAY<INT>, v BIGINT, PRIMARY KEY (k) NOT ENFORCED) WITH (
  'connector' = 'upsert-kafka', 'topic' = 'k', 'properties.bootstrap.servers' = 'b:9092',
  'key.format' = 'json', 'value.format' = 'json');
CREATE TABLE snk (id BIGINT, tags ARRAY<STRING>, n BIGINT) WITH (
  'connector' = 'kafka', 'topic' = 'o', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
CREATE TABLE cnt (tags ARRAY<STRING>, n BIGINT, PRIMARY KEY (n) NOT ENFORCED) WITH (
  'connector' = 'upsert-kafka', 'topic' = 'c', 'properties.bootstrap.servers' = 'b:9092',
  'key.format' = 'json', 'value.format' = 'json');
INSERT INTO snk SELECT id, tags, 1 FROM src WHERE tags = tags;
INSERT INTO snk SELECT id, COALESCE(tags, tags), 1 FROM src;
INSERT INTO snk SELECT id, CAST(attrs AS ARRAY<STRING>), 1 FROM src;
INSERT INTO cnt SELECT tags, COUNT(*) FROM src GROUP BY tags;
INSERT INTO snk SELECT id, tags, COUNT(pos) FROM src GROUP BY id, tags;
INSERT INTO snk SELECT v, CAST(NULL AS ARRAY<STRING>), v FROM keyed;
INSERT INTO snk SELECT id, CAST(NULL AS ARRAY<STRING>), 1 FROM src WHERE pos IS NOT NULL;
