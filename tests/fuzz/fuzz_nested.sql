-- The job the fuzz targets drive in memory (tests/fuzz/fuzz_json.c,
-- fuzz_binary.c): one column `v` of each nested type they read, in json with
-- ignore-parse-errors (fj_), with fail-on-missing-field (fjm_), and in
-- avro (fa_, NOT NULL so that a datum is the bare value), and a record in
-- Avro's JSON encoding (faj), each copied into a sink of its format: the
-- generated readers and writers are fuzzed against the reference codecs
-- (tests/support/ref_nested.c, ref_avro_json.c).
CREATE TABLE fj_arr (v ARRAY<INT>) WITH ('connector' = 'kafka', 'topic' = 'fj_arr', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json', 'json.ignore-parse-errors' = 'true');
CREATE TABLE fj_arr_out (v ARRAY<INT>) WITH ('connector' = 'kafka', 'topic' = 'fj_arr_out', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json', 'json.map-null-key.mode' = 'LITERAL');
CREATE TABLE fjm_arr (v ARRAY<INT>) WITH ('connector' = 'kafka', 'topic' = 'fjm_arr', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json', 'json.fail-on-missing-field' = 'true');
CREATE TABLE fjm_arr_out (v ARRAY<INT>) WITH ('connector' = 'kafka', 'topic' = 'fjm_arr_out', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json', 'json.map-null-key.mode' = 'LITERAL');
CREATE TABLE fj_map (v MAP<STRING, ARRAY<INT>>) WITH ('connector' = 'kafka', 'topic' = 'fj_map', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json', 'json.ignore-parse-errors' = 'true');
CREATE TABLE fj_map_out (v MAP<STRING, ARRAY<INT>>) WITH ('connector' = 'kafka', 'topic' = 'fj_map_out', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json', 'json.map-null-key.mode' = 'LITERAL');
CREATE TABLE fjm_map (v MAP<STRING, ARRAY<INT>>) WITH ('connector' = 'kafka', 'topic' = 'fjm_map', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json', 'json.fail-on-missing-field' = 'true');
CREATE TABLE fjm_map_out (v MAP<STRING, ARRAY<INT>>) WITH ('connector' = 'kafka', 'topic' = 'fjm_map_out', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json', 'json.map-null-key.mode' = 'LITERAL');
CREATE TABLE fj_bag (v MULTISET<STRING>) WITH ('connector' = 'kafka', 'topic' = 'fj_bag', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json', 'json.ignore-parse-errors' = 'true');
CREATE TABLE fj_bag_out (v MULTISET<STRING>) WITH ('connector' = 'kafka', 'topic' = 'fj_bag_out', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json', 'json.map-null-key.mode' = 'LITERAL');
CREATE TABLE fjm_bag (v MULTISET<STRING>) WITH ('connector' = 'kafka', 'topic' = 'fjm_bag', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json', 'json.fail-on-missing-field' = 'true');
CREATE TABLE fjm_bag_out (v MULTISET<STRING>) WITH ('connector' = 'kafka', 'topic' = 'fjm_bag_out', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json', 'json.map-null-key.mode' = 'LITERAL');
CREATE TABLE fj_row (v ROW<d DOUBLE, s STRING, m MAP<STRING, ARRAY<INT>>, x DECIMAL(10, 3), t TIMESTAMP(3), y BYTES>) WITH ('connector' = 'kafka', 'topic' = 'fj_row', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json', 'json.ignore-parse-errors' = 'true');
CREATE TABLE fj_row_out (v ROW<d DOUBLE, s STRING, m MAP<STRING, ARRAY<INT>>, x DECIMAL(10, 3), t TIMESTAMP(3), y BYTES>) WITH ('connector' = 'kafka', 'topic' = 'fj_row_out', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json', 'json.map-null-key.mode' = 'LITERAL');
CREATE TABLE fjm_row (v ROW<d DOUBLE, s STRING, m MAP<STRING, ARRAY<INT>>, x DECIMAL(10, 3), t TIMESTAMP(3), y BYTES>) WITH ('connector' = 'kafka', 'topic' = 'fjm_row', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json', 'json.fail-on-missing-field' = 'true');
CREATE TABLE fjm_row_out (v ROW<d DOUBLE, s STRING, m MAP<STRING, ARRAY<INT>>, x DECIMAL(10, 3), t TIMESTAMP(3), y BYTES>) WITH ('connector' = 'kafka', 'topic' = 'fjm_row_out', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json', 'json.map-null-key.mode' = 'LITERAL');
CREATE TABLE fj_arr_row (v ARRAY<ROW<d DOUBLE, s STRING, m MAP<STRING, ARRAY<INT>>, x DECIMAL(10, 3), t TIMESTAMP(3), y BYTES>>) WITH ('connector' = 'kafka', 'topic' = 'fj_arr_row', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json', 'json.ignore-parse-errors' = 'true');
CREATE TABLE fj_arr_row_out (v ARRAY<ROW<d DOUBLE, s STRING, m MAP<STRING, ARRAY<INT>>, x DECIMAL(10, 3), t TIMESTAMP(3), y BYTES>>) WITH ('connector' = 'kafka', 'topic' = 'fj_arr_row_out', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json', 'json.map-null-key.mode' = 'LITERAL');
CREATE TABLE fjm_arr_row (v ARRAY<ROW<d DOUBLE, s STRING, m MAP<STRING, ARRAY<INT>>, x DECIMAL(10, 3), t TIMESTAMP(3), y BYTES>>) WITH ('connector' = 'kafka', 'topic' = 'fjm_arr_row', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json', 'json.fail-on-missing-field' = 'true');
CREATE TABLE fjm_arr_row_out (v ARRAY<ROW<d DOUBLE, s STRING, m MAP<STRING, ARRAY<INT>>, x DECIMAL(10, 3), t TIMESTAMP(3), y BYTES>>) WITH ('connector' = 'kafka', 'topic' = 'fjm_arr_row_out', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json', 'json.map-null-key.mode' = 'LITERAL');
CREATE TABLE fa_arr (v ARRAY<INT NOT NULL> NOT NULL) WITH ('connector' = 'kafka', 'topic' = 'fa_arr', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'avro');
CREATE TABLE fa_arr_out (v ARRAY<INT NOT NULL> NOT NULL) WITH ('connector' = 'kafka', 'topic' = 'fa_arr_out', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'avro');
CREATE TABLE fa_map (v MAP<STRING, ARRAY<INT NOT NULL>> NOT NULL) WITH ('connector' = 'kafka', 'topic' = 'fa_map', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'avro');
CREATE TABLE fa_map_out (v MAP<STRING, ARRAY<INT NOT NULL>> NOT NULL) WITH ('connector' = 'kafka', 'topic' = 'fa_map_out', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'avro');
CREATE TABLE fa_bag (v MULTISET<STRING> NOT NULL) WITH ('connector' = 'kafka', 'topic' = 'fa_bag', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'avro');
CREATE TABLE fa_bag_out (v MULTISET<STRING> NOT NULL) WITH ('connector' = 'kafka', 'topic' = 'fa_bag_out', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'avro');
CREATE TABLE fa_row (v ROW<d DOUBLE, s STRING, m MAP<STRING, ARRAY<INT NOT NULL>> NOT NULL, x DECIMAL(10, 3), t TIMESTAMP(3)> NOT NULL) WITH ('connector' = 'kafka', 'topic' = 'fa_row', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'avro');
CREATE TABLE fa_row_out (v ROW<d DOUBLE, s STRING, m MAP<STRING, ARRAY<INT NOT NULL>> NOT NULL, x DECIMAL(10, 3), t TIMESTAMP(3)> NOT NULL) WITH ('connector' = 'kafka', 'topic' = 'fa_row_out', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'avro');
CREATE TABLE fa_arr_row (v ARRAY<ROW<d DOUBLE, s STRING, m MAP<STRING, ARRAY<INT NOT NULL>> NOT NULL, x DECIMAL(10, 3), t TIMESTAMP(3)>> NOT NULL) WITH ('connector' = 'kafka', 'topic' = 'fa_arr_row', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'avro');
CREATE TABLE fa_arr_row_out (v ARRAY<ROW<d DOUBLE, s STRING, m MAP<STRING, ARRAY<INT NOT NULL>> NOT NULL, x DECIMAL(10, 3), t TIMESTAMP(3)>> NOT NULL) WITH ('connector' = 'kafka', 'topic' = 'fa_arr_row_out', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'avro');
CREATE TABLE faj (id INT NOT NULL, name STRING, r ROW<x BIGINT, t TIMESTAMP(3)>, d DOUBLE, tags MAP<STRING, INT>, arr ARRAY<INT NOT NULL>, b BYTES, m DECIMAL(10, 3), rs ARRAY<ROW<k STRING, v FLOAT>>, ts TIMESTAMP(6)) WITH ('connector' = 'kafka', 'topic' = 'faj', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'avro', 'avro.encoding' = 'json', 'avro.timestamp_mapping.legacy' = 'false');
CREATE TABLE faj_out (id INT NOT NULL, name STRING, r ROW<x BIGINT, t TIMESTAMP(3)>, d DOUBLE, tags MAP<STRING, INT>, arr ARRAY<INT NOT NULL>, b BYTES, m DECIMAL(10, 3), rs ARRAY<ROW<k STRING, v FLOAT>>, ts TIMESTAMP(6)) WITH ('connector' = 'kafka', 'topic' = 'faj_out', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'avro', 'avro.encoding' = 'json', 'avro.timestamp_mapping.legacy' = 'false');

EXECUTE STATEMENT SET BEGIN
  INSERT INTO fj_arr_out SELECT * FROM fj_arr;
  INSERT INTO fjm_arr_out SELECT * FROM fjm_arr;
  INSERT INTO fj_map_out SELECT * FROM fj_map;
  INSERT INTO fjm_map_out SELECT * FROM fjm_map;
  INSERT INTO fj_bag_out SELECT * FROM fj_bag;
  INSERT INTO fjm_bag_out SELECT * FROM fjm_bag;
  INSERT INTO fj_row_out SELECT * FROM fj_row;
  INSERT INTO fjm_row_out SELECT * FROM fjm_row;
  INSERT INTO fj_arr_row_out SELECT * FROM fj_arr_row;
  INSERT INTO fjm_arr_row_out SELECT * FROM fjm_arr_row;
  INSERT INTO fa_arr_out SELECT * FROM fa_arr;
  INSERT INTO fa_map_out SELECT * FROM fa_map;
  INSERT INTO fa_bag_out SELECT * FROM fa_bag;
  INSERT INTO fa_row_out SELECT * FROM fa_row;
  INSERT INTO fa_arr_row_out SELECT * FROM fa_arr_row;
  INSERT INTO faj_out SELECT * FROM faj;
END;
