-- The pageviews table of bench/formats (bench/README.md): each format the
-- compiler reads, copied unchanged into a sink of the same format (csv with
-- a null literal, so that NULLs read back as NULL). The harness calls the generated decoders and sink
-- encoders of this job directly; nothing here runs against Kafka.
CREATE TABLE pv_json (
  user_id BIGINT, page_id BIGINT, viewtime TIMESTAMP(3), user_region STRING
) WITH ('connector' = 'kafka', 'topic' = 'pv_json', 'format' = 'json',
  'properties.bootstrap.servers' = 'localhost:9092');
CREATE TABLE pv_avro (
  user_id BIGINT, page_id BIGINT, viewtime TIMESTAMP(3), user_region STRING
) WITH ('connector' = 'kafka', 'topic' = 'pv_avro', 'format' = 'avro',
  'properties.bootstrap.servers' = 'localhost:9092');
CREATE TABLE pv_csv (
  user_id BIGINT, page_id BIGINT, viewtime TIMESTAMP(3), user_region STRING
) WITH ('connector' = 'kafka', 'topic' = 'pv_csv', 'format' = 'csv', 'csv.null-literal' = 'null',
  'properties.bootstrap.servers' = 'localhost:9092');
CREATE TABLE pv_raw (
  line STRING
) WITH ('connector' = 'kafka', 'topic' = 'pv_raw', 'format' = 'raw',
  'properties.bootstrap.servers' = 'localhost:9092');

CREATE TABLE pv_json_out (
  user_id BIGINT, page_id BIGINT, viewtime TIMESTAMP(3), user_region STRING
) WITH ('connector' = 'kafka', 'topic' = 'pv_json_out', 'format' = 'json',
  'properties.bootstrap.servers' = 'localhost:9092');
CREATE TABLE pv_avro_out (
  user_id BIGINT, page_id BIGINT, viewtime TIMESTAMP(3), user_region STRING
) WITH ('connector' = 'kafka', 'topic' = 'pv_avro_out', 'format' = 'avro',
  'properties.bootstrap.servers' = 'localhost:9092');
CREATE TABLE pv_csv_out (
  user_id BIGINT, page_id BIGINT, viewtime TIMESTAMP(3), user_region STRING
) WITH ('connector' = 'kafka', 'topic' = 'pv_csv_out', 'format' = 'csv', 'csv.null-literal' = 'null',
  'properties.bootstrap.servers' = 'localhost:9092');
CREATE TABLE pv_raw_out (
  line STRING
) WITH ('connector' = 'kafka', 'topic' = 'pv_raw_out', 'format' = 'raw',
  'properties.bootstrap.servers' = 'localhost:9092');

EXECUTE STATEMENT SET BEGIN
  INSERT INTO pv_json_out SELECT * FROM pv_json;
  INSERT INTO pv_avro_out SELECT * FROM pv_avro;
  INSERT INTO pv_csv_out SELECT * FROM pv_csv;
  INSERT INTO pv_raw_out SELECT * FROM pv_raw;
END;
