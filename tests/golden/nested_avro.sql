-- ARRAY, MAP, MULTISET and ROW columns in avro (issue 3): the schema Flink's
-- AvroSchemaConverter derives (nested records named record_<field>_..., null-
-- first unions for nullable elements, values and fields, MULTISET as a map of
-- nullable int counts), read from avro into JSON and from JSON into avro.
CREATE TABLE items (
  id BIGINT NOT NULL,
  tags ARRAY<STRING>,
  attrs MAP<STRING, INT NOT NULL>,
  bag MULTISET<STRING>,
  pos ROW<x DOUBLE, label STRING NOT NULL, sub ROW<z INT, d DECIMAL(10, 2)>>,
  hist ARRAY<ROW<k STRING, v ARRAY<INT NOT NULL>>>,
  `when` MAP<STRING, TIMESTAMP(3)>
) WITH (
  'connector' = 'kafka',
  'topic' = 'items',
  'properties.bootstrap.servers' = 'localhost:9092',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset',
  'format' = 'avro'
);
CREATE TABLE items_json (
  id BIGINT NOT NULL,
  tags ARRAY<STRING>,
  attrs MAP<STRING, INT NOT NULL>,
  bag MULTISET<STRING>,
  pos ROW<x DOUBLE, label STRING NOT NULL, sub ROW<z INT, d DECIMAL(10, 2)>>,
  hist ARRAY<ROW<k STRING, v ARRAY<INT NOT NULL>>>,
  `when` MAP<STRING, TIMESTAMP(3)>
) WITH (
  'connector' = 'kafka', 'topic' = 'items_json', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json');
CREATE TABLE events (
  id BIGINT,
  attrs MAP<STRING, INT>,
  pos ROW<x DOUBLE, label STRING>
) WITH (
  'connector' = 'kafka',
  'topic' = 'events',
  'properties.bootstrap.servers' = 'localhost:9092',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset',
  'format' = 'json'
);
CREATE TABLE events_avro (
  id BIGINT,
  attrs MAP<STRING, INT>,
  pos ROW<x DOUBLE, label STRING>
) WITH (
  'connector' = 'kafka', 'topic' = 'events_avro', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'avro');
EXECUTE STATEMENT SET BEGIN
  INSERT INTO items_json SELECT * FROM items;
  INSERT INTO events_avro SELECT * FROM events;
END;
