-- e2e/avro_timestamp_mapping: 'avro.timestamp_mapping.legacy' = 'false' in a
-- key and a value, TIMESTAMP and TIMESTAMP_LTZ of precision 3, 6 and 9 at
-- the top level and in ROW fields, TIMESTAMP(3) in an ARRAY and in a MAP's
-- ROW values (legacy-derived there, as in Flink); copied to an avro sink of
-- the same schemas and to a JSON sink that shows what the decoder read.
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
  'connector' = 'kafka', 'topic' = 'ts_in', 'properties.bootstrap.servers' = 'localhost:9092',
  'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset',
  'key.format' = 'avro', 'key.avro.timestamp_mapping.legacy' = 'false', 'key.fields' = 'k6;kl',
  'value.format' = 'avro', 'value.avro.timestamp_mapping.legacy' = 'false', 'value.fields-include' = 'EXCEPT_KEY'
);
CREATE TABLE snk (
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
  'connector' = 'kafka', 'topic' = 'ts_out', 'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'avro', 'key.avro.timestamp_mapping.legacy' = 'false', 'key.fields' = 'k6;kl',
  'value.format' = 'avro', 'value.avro.timestamp_mapping.legacy' = 'false', 'value.fields-include' = 'EXCEPT_KEY'
);
CREATE TABLE snk_json (
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
  'connector' = 'kafka', 'topic' = 'ts_json', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json'
);
EXECUTE STATEMENT SET BEGIN
  INSERT INTO snk SELECT * FROM src;
  INSERT INTO snk_json SELECT * FROM src;
END;
