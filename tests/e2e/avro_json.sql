-- e2e/avro_json: 'avro.encoding' = 'json' in a key and a value with every
-- scalar type the avro format takes and nested values, copied to an avro
-- JSON sink (the non-legacy timestamp mapping: TIMESTAMP(6) as
-- local-timestamp-micros) and to a binary avro sink that shows what the
-- JSON decoder read.
CREATE TABLE src (
  id BIGINT NOT NULL,
  b BOOLEAN,
  ti TINYINT,
  i INT,
  name STRING,
  price DECIMAL(10, 2),
  raw BYTES,
  ratio FLOAT,
  score DOUBLE NOT NULL,
  day DATE,
  tm TIME(3),
  ts TIMESTAMP(3),
  tags ARRAY<STRING>,
  attrs MAP<STRING, INT NOT NULL>,
  bag MULTISET<STRING>,
  pos ROW<x DOUBLE, sub ROW<z INT>>,
  pts ARRAY<ROW<a INT>>
) WITH (
  'connector' = 'kafka', 'topic' = 'aj_in', 'properties.bootstrap.servers' = 'localhost:9092',
  'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset',
  'key.format' = 'avro', 'key.avro.encoding' = 'json', 'key.fields' = 'id',
  'value.format' = 'avro', 'value.avro.encoding' = 'json', 'value.fields-include' = 'EXCEPT_KEY'
);
CREATE TABLE snk (
  id BIGINT NOT NULL,
  b BOOLEAN,
  ti TINYINT,
  i INT,
  name STRING,
  price DECIMAL(10, 2),
  raw BYTES,
  ratio FLOAT,
  score DOUBLE NOT NULL,
  day DATE,
  tm TIME(3),
  ts TIMESTAMP(6),
  tags ARRAY<STRING>,
  attrs MAP<STRING, INT NOT NULL>,
  bag MULTISET<STRING>,
  pos ROW<x DOUBLE, sub ROW<z INT>>,
  pts ARRAY<ROW<a INT>>
) WITH (
  'connector' = 'kafka', 'topic' = 'aj_out', 'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'avro', 'key.avro.encoding' = 'json', 'key.fields' = 'id',
  'value.format' = 'avro', 'value.avro.encoding' = 'json', 'value.avro.timestamp_mapping.legacy' = 'false',
  'value.fields-include' = 'EXCEPT_KEY'
);
CREATE TABLE snk_bin (
  id BIGINT NOT NULL,
  b BOOLEAN,
  ti TINYINT,
  i INT,
  name STRING,
  price DECIMAL(10, 2),
  raw BYTES,
  ratio FLOAT,
  score DOUBLE NOT NULL,
  day DATE,
  tm TIME(3),
  ts TIMESTAMP(3),
  tags ARRAY<STRING>,
  attrs MAP<STRING, INT NOT NULL>,
  bag MULTISET<STRING>,
  pos ROW<x DOUBLE, sub ROW<z INT>>,
  pts ARRAY<ROW<a INT>>
) WITH (
  'connector' = 'kafka', 'topic' = 'aj_bin', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'avro'
);
EXECUTE STATEMENT SET BEGIN
  INSERT INTO snk SELECT * FROM src;
  INSERT INTO snk_bin SELECT * FROM src;
END;
