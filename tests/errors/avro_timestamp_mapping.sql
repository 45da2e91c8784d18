-- 'avro.timestamp_mapping.legacy' = 'false' takes TIMESTAMP(p) and
-- TIMESTAMP_LTZ(p) of every precision at the top level and in ROW fields, but
-- array elements and map values are derived with the legacy mapping in Flink
-- (AvroSchemaConverter's two-argument overload), TIME keeps its limit, the
-- option must be a boolean, and avro-confluent has no such option.
CREATE TABLE src (a STRING) WITH (
  'connector' = 'kafka', 'topic' = 's', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
CREATE TABLE snk (
  ok6 TIMESTAMP(6),
  okl ROW<x TIMESTAMP_LTZ(6)>,
  tm TIME(6),
  arr ARRAY<TIMESTAMP(6)>,
  m MAP<STRING, TIMESTAMP_LTZ(3)>,
  am ARRAY<ROW<y TIMESTAMP_LTZ(3)>>
) WITH (
  'connector' = 'kafka', 'topic' = 'o', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'avro',
  'avro.timestamp_mapping.legacy' = 'false');
CREATE TABLE snk2 (a TIMESTAMP(3)) WITH (
  'connector' = 'kafka', 'topic' = 'o2', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'avro',
  'avro.timestamp_mapping.legacy' = 'maybe');
CREATE TABLE snk3 (a TIMESTAMP_LTZ(3)) WITH (
  'connector' = 'kafka', 'topic' = 'o3', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'avro-confluent',
  'avro-confluent.url' = 'http://r:8081', 'avro-confluent.timestamp_mapping.legacy' = 'false');
EXECUTE STATEMENT SET BEGIN
  INSERT INTO snk (ok6) SELECT CAST(NULL AS TIMESTAMP(6)) FROM src;
  INSERT INTO snk2 SELECT CAST(NULL AS TIMESTAMP(3)) FROM src;
  INSERT INTO snk3 SELECT CAST(NULL AS TIMESTAMP_LTZ(3)) FROM src;
END;
