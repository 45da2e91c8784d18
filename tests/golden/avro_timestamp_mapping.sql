-- 'avro.timestamp_mapping.legacy' = 'false' (Flink 1.19+): TIMESTAMP(p) is a
-- local-timestamp-millis/-micros/-nanos long by p, TIMESTAMP_LTZ(p) a
-- timestamp-millis/-micros/-nanos one, in the key and the value and in ROW
-- fields; array elements and map values keep the legacy mapping (Flink's
-- schema derivation converts them with it), so TIMESTAMP(3) there is still
-- timestamp-millis. The sink's key keeps the legacy default.
CREATE TABLE src (
  k6 TIMESTAMP(6) NOT NULL,
  kl TIMESTAMP_LTZ(3),
  t3 TIMESTAMP(3),
  t6 TIMESTAMP(6),
  t9 TIMESTAMP(9) NOT NULL,
  l3 TIMESTAMP_LTZ(3),
  l6 TIMESTAMP_LTZ(6) NOT NULL,
  l9 TIMESTAMP_LTZ(9),
  r ROW<a TIMESTAMP(6), b TIMESTAMP_LTZ(3) NOT NULL, c ROW<d TIMESTAMP_LTZ(9)>>,
  arr ARRAY<TIMESTAMP(3)>,
  m MAP<STRING, ROW<e TIMESTAMP(3)>>
) WITH (
  'connector' = 'kafka',
  'topic' = 'src',
  'properties.bootstrap.servers' = 'localhost:9092',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset',
  'key.format' = 'avro',
  'key.avro.timestamp_mapping.legacy' = 'false',
  'key.fields' = 'k6;kl',
  'value.format' = 'avro',
  'value.avro.timestamp_mapping.legacy' = 'false',
  'value.fields-include' = 'EXCEPT_KEY'
);
CREATE TABLE snk (
  t3 TIMESTAMP(3),
  t6 TIMESTAMP(6),
  t9 TIMESTAMP(9) NOT NULL,
  l3 TIMESTAMP_LTZ(3),
  l6 TIMESTAMP_LTZ(6) NOT NULL,
  l9 TIMESTAMP_LTZ(9),
  r ROW<a TIMESTAMP(6), b TIMESTAMP_LTZ(3) NOT NULL, c ROW<d TIMESTAMP_LTZ(9)>>,
  arr ARRAY<TIMESTAMP(3)>,
  m MAP<STRING, ROW<e TIMESTAMP(3)>>
) WITH (
  'connector' = 'kafka',
  'topic' = 'snk',
  'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'avro',
  'key.fields' = 't3',
  'format' = 'avro',
  'avro.timestamp_mapping.legacy' = 'false'
);
INSERT INTO snk SELECT t3, t6, t9, l3, l6, l9, r, arr, m FROM src;
