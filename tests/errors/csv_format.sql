-- Bad csv options on sources and sinks: Flink's single-character and quote
-- rules (CsvCommons.validateFormatOptions), TIME precision, and what this
-- version does not compile (a non-ASCII delimiter); an escape character on a
-- sink is fine.
CREATE TABLE src (s STRING, t TIME(6)) WITH (
  'connector' = 'kafka', 'topic' = 's', 'properties.bootstrap.servers' = 'b:9092',
  'format' = 'csv', 'csv.field-delimiter' = ';;', 'csv.escape-character' = 'ab',
  'csv.quote-character' = '''', 'csv.disable-quote-character' = 'true',
  'csv.allow-comments' = 'yes');
CREATE TABLE keyed (k STRING, v STRING) WITH (
  'connector' = 'kafka', 'topic' = 'k', 'properties.bootstrap.servers' = 'b:9092',
  'key.format' = 'csv', 'key.fields' = 'k', 'key.csv.field-delimiter' = '¦',
  'value.format' = 'csv', 'value.csv.ignore-parse-errors' = 'true');
CREATE TABLE times (s STRING, t TIME(6)) WITH (
  'connector' = 'kafka', 'topic' = 't', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'csv');
CREATE TABLE snk (s STRING) WITH (
  'connector' = 'kafka', 'topic' = 'o', 'properties.bootstrap.servers' = 'b:9092',
  'format' = 'csv', 'csv.escape-character' = '\');
INSERT INTO snk SELECT s FROM src;
INSERT INTO snk SELECT v FROM keyed;
INSERT INTO snk SELECT s FROM times;
