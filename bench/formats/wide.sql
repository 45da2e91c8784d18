-- The wide table of bench/formats (bench/README.md): one column of every
-- scalar type, in each format the compiler reads, copied unchanged into a
-- sink of the same format (csv with a null literal, so that NULLs read back
-- as NULL). The harness calls the generated decoders and sink encoders of
-- this job directly; nothing here runs against Kafka.
CREATE TABLE wide_json (
  ok BOOLEAN, qty INT, id BIGINT, score DOUBLE, price DECIMAL(10, 2), name STRING,
  seen TIMESTAMP(3), day DATE, payload BYTES
) WITH ('connector' = 'kafka', 'topic' = 'wide_json', 'format' = 'json',
  'properties.bootstrap.servers' = 'localhost:9092');
CREATE TABLE wide_avro (
  ok BOOLEAN, qty INT, id BIGINT, score DOUBLE, price DECIMAL(10, 2), name STRING,
  seen TIMESTAMP(3), day DATE, payload BYTES
) WITH ('connector' = 'kafka', 'topic' = 'wide_avro', 'format' = 'avro',
  'properties.bootstrap.servers' = 'localhost:9092');

CREATE TABLE wide_csv (
  ok BOOLEAN, qty INT, id BIGINT, score DOUBLE, price DECIMAL(10, 2), name STRING,
  seen TIMESTAMP(3), day DATE, payload BYTES
) WITH ('connector' = 'kafka', 'topic' = 'wide_csv', 'format' = 'csv', 'csv.null-literal' = 'null',
  'properties.bootstrap.servers' = 'localhost:9092');

CREATE TABLE wide_json_out (
  ok BOOLEAN, qty INT, id BIGINT, score DOUBLE, price DECIMAL(10, 2), name STRING,
  seen TIMESTAMP(3), day DATE, payload BYTES
) WITH ('connector' = 'kafka', 'topic' = 'wide_json_out', 'format' = 'json',
  'properties.bootstrap.servers' = 'localhost:9092');
CREATE TABLE wide_avro_out (
  ok BOOLEAN, qty INT, id BIGINT, score DOUBLE, price DECIMAL(10, 2), name STRING,
  seen TIMESTAMP(3), day DATE, payload BYTES
) WITH ('connector' = 'kafka', 'topic' = 'wide_avro_out', 'format' = 'avro',
  'properties.bootstrap.servers' = 'localhost:9092');
CREATE TABLE wide_csv_out (
  ok BOOLEAN, qty INT, id BIGINT, score DOUBLE, price DECIMAL(10, 2), name STRING,
  seen TIMESTAMP(3), day DATE, payload BYTES
) WITH ('connector' = 'kafka', 'topic' = 'wide_csv_out', 'format' = 'csv', 'csv.null-literal' = 'null',
  'properties.bootstrap.servers' = 'localhost:9092');

EXECUTE STATEMENT SET BEGIN
  INSERT INTO wide_json_out SELECT * FROM wide_json;
  INSERT INTO wide_avro_out SELECT * FROM wide_avro;
  INSERT INTO wide_csv_out SELECT * FROM wide_csv;
END;
