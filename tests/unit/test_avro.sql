-- The job that tests/unit/test_avro.c drives in memory: a table in Avro's
-- JSON encoding ('avro.encoding' = 'json') copied into a sink of the same
-- format, so that the test calls the reader and writer generated for it and
-- compares them with the reference codec (tests/support/ref_avro_json.c).
CREATE TABLE aj (
  id INT NOT NULL, name STRING, r ROW<x BIGINT>, d DOUBLE, tags MAP<STRING, INT>, arr ARRAY<INT NOT NULL>
) WITH ('connector' = 'kafka', 'topic' = 'aj', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'avro', 'avro.encoding' = 'json', 'avro.timestamp_mapping.legacy' = 'false');
CREATE TABLE aj_out (
  id INT NOT NULL, name STRING, r ROW<x BIGINT>, d DOUBLE, tags MAP<STRING, INT>, arr ARRAY<INT NOT NULL>
) WITH ('connector' = 'kafka', 'topic' = 'aj_out', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'avro', 'avro.encoding' = 'json', 'avro.timestamp_mapping.legacy' = 'false');
INSERT INTO aj_out SELECT * FROM aj;
