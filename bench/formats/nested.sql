-- The nested table of bench/formats (bench/README.md): a BIGINT and ARRAY,
-- MAP, ROW and ARRAY<ROW> columns in json and avro, copied unchanged into a
-- sink of the same format. Flink's csv takes ARRAY and ROW of simple types
-- only (no MAP, nothing nested inside), so the csv tables have id, tags and
-- loc (with a null literal, so that NULLs read back as NULL). The harness
-- calls the generated decoders and sink encoders of this job directly;
-- nothing here runs against Kafka.
CREATE TABLE nested_json (
  id BIGINT, tags ARRAY<STRING>, attrs MAP<STRING, INT>, loc ROW<lat DOUBLE, lon DOUBLE>,
  items ARRAY<ROW<sku STRING, qty INT, price DOUBLE>>
) WITH ('connector' = 'kafka', 'topic' = 'nested_json', 'format' = 'json',
  'properties.bootstrap.servers' = 'localhost:9092');
CREATE TABLE nested_avro (
  id BIGINT, tags ARRAY<STRING>, attrs MAP<STRING, INT>, loc ROW<lat DOUBLE, lon DOUBLE>,
  items ARRAY<ROW<sku STRING, qty INT, price DOUBLE>>
) WITH ('connector' = 'kafka', 'topic' = 'nested_avro', 'format' = 'avro',
  'properties.bootstrap.servers' = 'localhost:9092');
CREATE TABLE nested_csv (
  id BIGINT, tags ARRAY<STRING>, loc ROW<lat DOUBLE, lon DOUBLE>
) WITH ('connector' = 'kafka', 'topic' = 'nested_csv', 'format' = 'csv', 'csv.null-literal' = 'null',
  'properties.bootstrap.servers' = 'localhost:9092');

CREATE TABLE nested_json_out (
  id BIGINT, tags ARRAY<STRING>, attrs MAP<STRING, INT>, loc ROW<lat DOUBLE, lon DOUBLE>,
  items ARRAY<ROW<sku STRING, qty INT, price DOUBLE>>
) WITH ('connector' = 'kafka', 'topic' = 'nested_json_out', 'format' = 'json',
  'properties.bootstrap.servers' = 'localhost:9092');
CREATE TABLE nested_avro_out (
  id BIGINT, tags ARRAY<STRING>, attrs MAP<STRING, INT>, loc ROW<lat DOUBLE, lon DOUBLE>,
  items ARRAY<ROW<sku STRING, qty INT, price DOUBLE>>
) WITH ('connector' = 'kafka', 'topic' = 'nested_avro_out', 'format' = 'avro',
  'properties.bootstrap.servers' = 'localhost:9092');
CREATE TABLE nested_csv_out (
  id BIGINT, tags ARRAY<STRING>, loc ROW<lat DOUBLE, lon DOUBLE>
) WITH ('connector' = 'kafka', 'topic' = 'nested_csv_out', 'format' = 'csv', 'csv.null-literal' = 'null',
  'properties.bootstrap.servers' = 'localhost:9092');

EXECUTE STATEMENT SET BEGIN
  INSERT INTO nested_json_out SELECT * FROM nested_json;
  INSERT INTO nested_avro_out SELECT * FROM nested_avro;
  INSERT INTO nested_csv_out SELECT * FROM nested_csv;
END;
