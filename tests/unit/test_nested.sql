-- The job that tests/unit/test_nested.c drives in memory: one column `v` of
-- each nested type the test reads, per json option set (j_: defaults, ji_:
-- json.ignore-parse-errors, jm_: json.fail-on-missing-field; jn_row_out:
-- json.encode.ignore-null-fields) and in avro (a_ts:
-- 'avro.timestamp_mapping.legacy' = 'false'; ju_row: names that are not
-- UTF-8, as a file may hold them), each copied into a sink
-- of the same format, so that the test calls the generated readers and
-- writers through the job and compares them with the reference codec
-- (tests/support/ref_nested.c).
CREATE TABLE j_arr_str (v ARRAY<STRING>) WITH ('connector' = 'kafka', 'topic' = 'j_arr_str', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json');
CREATE TABLE j_arr_str_out (v ARRAY<STRING>) WITH ('connector' = 'kafka', 'topic' = 'j_arr_str_out', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json');
CREATE TABLE j_arr_int (v ARRAY<INT>) WITH ('connector' = 'kafka', 'topic' = 'j_arr_int', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json');
CREATE TABLE j_arr_int_out (v ARRAY<INT>) WITH ('connector' = 'kafka', 'topic' = 'j_arr_int_out', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json');
CREATE TABLE j_map (v MAP<STRING, INT>) WITH ('connector' = 'kafka', 'topic' = 'j_map', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json');
CREATE TABLE j_map_out (v MAP<STRING, INT>) WITH ('connector' = 'kafka', 'topic' = 'j_map_out', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json');
CREATE TABLE j_bag (v MULTISET<STRING>) WITH ('connector' = 'kafka', 'topic' = 'j_bag', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json');
CREATE TABLE j_bag_out (v MULTISET<STRING>) WITH ('connector' = 'kafka', 'topic' = 'j_bag_out', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json');
CREATE TABLE j_row (v ROW<x DOUBLE, label STRING, v ARRAY<INT>, at TIMESTAMP(3)>) WITH ('connector' = 'kafka', 'topic' = 'j_row', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json');
CREATE TABLE j_row_out (v ROW<x DOUBLE, label STRING, v ARRAY<INT>, at TIMESTAMP(3)>) WITH ('connector' = 'kafka', 'topic' = 'j_row_out', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json');
CREATE TABLE j_arr_row (v ARRAY<ROW<x DOUBLE, label STRING, v ARRAY<INT>, at TIMESTAMP(3)>>) WITH ('connector' = 'kafka', 'topic' = 'j_arr_row', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json');
CREATE TABLE j_arr_row_out (v ARRAY<ROW<x DOUBLE, label STRING, v ARRAY<INT>, at TIMESTAMP(3)>>) WITH ('connector' = 'kafka', 'topic' = 'j_arr_row_out', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json');
CREATE TABLE ji_arr_int (v ARRAY<INT>) WITH ('connector' = 'kafka', 'topic' = 'ji_arr_int', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json', 'json.ignore-parse-errors' = 'true');
CREATE TABLE ji_arr_int_out (v ARRAY<INT>) WITH ('connector' = 'kafka', 'topic' = 'ji_arr_int_out', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json');
CREATE TABLE ji_arr_row (v ARRAY<ROW<x DOUBLE, label STRING, v ARRAY<INT>, at TIMESTAMP(3)>>) WITH ('connector' = 'kafka', 'topic' = 'ji_arr_row', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json', 'json.ignore-parse-errors' = 'true');
CREATE TABLE ji_arr_row_out (v ARRAY<ROW<x DOUBLE, label STRING, v ARRAY<INT>, at TIMESTAMP(3)>>) WITH ('connector' = 'kafka', 'topic' = 'ji_arr_row_out', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json');
CREATE TABLE ji_map (v MAP<STRING, INT>) WITH ('connector' = 'kafka', 'topic' = 'ji_map', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json', 'json.ignore-parse-errors' = 'true');
CREATE TABLE ji_map_out (v MAP<STRING, INT>) WITH ('connector' = 'kafka', 'topic' = 'ji_map_out', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json');
CREATE TABLE jm_row (v ROW<x DOUBLE, label STRING, v ARRAY<INT>, at TIMESTAMP(3)>) WITH ('connector' = 'kafka', 'topic' = 'jm_row', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json', 'json.fail-on-missing-field' = 'true');
CREATE TABLE jm_row_out (v ROW<x DOUBLE, label STRING, v ARRAY<INT>, at TIMESTAMP(3)>) WITH ('connector' = 'kafka', 'topic' = 'jm_row_out', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json');
CREATE TABLE a_ts (v ROW<a TIMESTAMP(6), b TIMESTAMP_LTZ(9) NOT NULL, arr ARRAY<TIMESTAMP(3) NOT NULL>>) WITH ('connector' = 'kafka', 'topic' = 'a_ts', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'avro', 'avro.timestamp_mapping.legacy' = 'false');
CREATE TABLE a_ts_out (v ROW<a TIMESTAMP(6), b TIMESTAMP_LTZ(9) NOT NULL, arr ARRAY<TIMESTAMP(3) NOT NULL>>) WITH ('connector' = 'kafka', 'topic' = 'a_ts_out', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'avro', 'avro.timestamp_mapping.legacy' = 'false');
CREATE TABLE a_arr_str (v ARRAY<STRING>) WITH ('connector' = 'kafka', 'topic' = 'a_arr_str', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'avro');
CREATE TABLE a_arr_str_out (v ARRAY<STRING>) WITH ('connector' = 'kafka', 'topic' = 'a_arr_str_out', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'avro');
CREATE TABLE a_arr_int (v ARRAY<INT>) WITH ('connector' = 'kafka', 'topic' = 'a_arr_int', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'avro');
CREATE TABLE a_arr_int_out (v ARRAY<INT>) WITH ('connector' = 'kafka', 'topic' = 'a_arr_int_out', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'avro');
CREATE TABLE a_map (v MAP<STRING, INT>) WITH ('connector' = 'kafka', 'topic' = 'a_map', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'avro');
CREATE TABLE a_map_out (v MAP<STRING, INT>) WITH ('connector' = 'kafka', 'topic' = 'a_map_out', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'avro');
CREATE TABLE a_bag (v MULTISET<STRING>) WITH ('connector' = 'kafka', 'topic' = 'a_bag', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'avro');
CREATE TABLE a_bag_out (v MULTISET<STRING>) WITH ('connector' = 'kafka', 'topic' = 'a_bag_out', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'avro');
CREATE TABLE a_row (v ROW<x DOUBLE, label STRING, v ARRAY<INT>, at TIMESTAMP(3)>) WITH ('connector' = 'kafka', 'topic' = 'a_row', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'avro');
CREATE TABLE a_row_out (v ROW<x DOUBLE, label STRING, v ARRAY<INT>, at TIMESTAMP(3)>) WITH ('connector' = 'kafka', 'topic' = 'a_row_out', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'avro');
CREATE TABLE a_arr_row (v ARRAY<ROW<x DOUBLE, label STRING, v ARRAY<INT>, at TIMESTAMP(3)>>) WITH ('connector' = 'kafka', 'topic' = 'a_arr_row', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'avro');
CREATE TABLE a_arr_row_out (v ARRAY<ROW<x DOUBLE, label STRING, v ARRAY<INT>, at TIMESTAMP(3)>>) WITH ('connector' = 'kafka', 'topic' = 'a_arr_row_out', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'avro');
CREATE TABLE jn_row (v ROW<x DOUBLE, label STRING, r ARRAY<ROW<k STRING, n INT>>, m MAP<STRING, ROW<k STRING>>>) WITH ('connector' = 'kafka', 'topic' = 'jn_row', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json');
CREATE TABLE jn_row_out (v ROW<x DOUBLE, label STRING, r ARRAY<ROW<k STRING, n INT>>, m MAP<STRING, ROW<k STRING>>>) WITH ('connector' = 'kafka', 'topic' = 'jn_row_out', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json', 'json.encode.ignore-null-fields' = 'true');
CREATE TABLE ju_row (v ROW<`aÿb` INT>, `cþ` INT) WITH ('connector' = 'kafka', 'topic' = 'ju_row', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json');
CREATE TABLE ju_row_out (v ROW<`aÿb` INT>, `cþ` INT) WITH ('connector' = 'kafka', 'topic' = 'ju_row_out', 'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json');

EXECUTE STATEMENT SET BEGIN
  INSERT INTO ju_row_out SELECT * FROM ju_row;
  INSERT INTO jn_row_out SELECT * FROM jn_row;
  INSERT INTO j_arr_str_out SELECT * FROM j_arr_str;
  INSERT INTO j_arr_int_out SELECT * FROM j_arr_int;
  INSERT INTO j_map_out SELECT * FROM j_map;
  INSERT INTO j_bag_out SELECT * FROM j_bag;
  INSERT INTO j_row_out SELECT * FROM j_row;
  INSERT INTO j_arr_row_out SELECT * FROM j_arr_row;
  INSERT INTO ji_arr_int_out SELECT * FROM ji_arr_int;
  INSERT INTO ji_arr_row_out SELECT * FROM ji_arr_row;
  INSERT INTO ji_map_out SELECT * FROM ji_map;
  INSERT INTO jm_row_out SELECT * FROM jm_row;
  INSERT INTO a_ts_out SELECT * FROM a_ts;
  INSERT INTO a_arr_str_out SELECT * FROM a_arr_str;
  INSERT INTO a_arr_int_out SELECT * FROM a_arr_int;
  INSERT INTO a_map_out SELECT * FROM a_map;
  INSERT INTO a_bag_out SELECT * FROM a_bag;
  INSERT INTO a_row_out SELECT * FROM a_row;
  INSERT INTO a_arr_row_out SELECT * FROM a_arr_row;
END;
