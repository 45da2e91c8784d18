-- 'avro.encoding' = 'json': Avro's JSON encoding of the datum (Avro's
-- JsonEncoder / JsonDecoder under Flink's avro format), in a key and a value,
-- with nested values, and the non-legacy timestamp mapping in the sink.
CREATE TABLE src (
  id BIGINT NOT NULL,
  name STRING,
  price DECIMAL(10, 2),
  raw BYTES,
  ratio FLOAT,
  score DOUBLE NOT NULL,
  day DATE,
  ts TIMESTAMP(3),
  tags ARRAY<STRING>,
  attrs MAP<STRING, INT NOT NULL>,
  pos ROW<x DOUBLE, sub ROW<z INT>>
) WITH (
  'connector' = 'kafka',
  'topic' = 'src',
  'properties.bootstrap.servers' = 'localhost:9092',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset',
  'key.format' = 'avro',
  'key.avro.encoding' = 'json',
  'key.fields' = 'id',
  'value.format' = 'avro',
  'value.avro.encoding' = 'JSON'
);
CREATE TABLE snk (
  id BIGINT NOT NULL,
  name STRING,
  price DECIMAL(10, 2),
  raw BYTES,
  ratio FLOAT,
  score DOUBLE NOT NULL,
  day DATE,
  ts TIMESTAMP(6),
  tags ARRAY<STRING>,
  attrs MAP<STRING, INT NOT NULL>,
  pos ROW<x DOUBLE, sub ROW<z INT>>
) WITH (
  'connector' = 'kafka',
  'topic' = 'snk',
  'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'avro',
  'avro.encoding' = 'json',
  'avro.timestamp_mapping.legacy' = 'false'
);
INSERT INTO snk SELECT * FROM src;
