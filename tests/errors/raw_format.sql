-- The raw format takes one column of a type it can write, and a charset Java knows.
CREATE TABLE src (d DATE) WITH (
  'connector' = 'kafka', 'topic' = 's', 'properties.bootstrap.servers' = 'b:9092',
  'format' = 'raw');
CREATE TABLE two (a STRING, b STRING) WITH (
  'connector' = 'kafka', 'topic' = 't', 'properties.bootstrap.servers' = 'b:9092',
  'format' = 'raw');
CREATE TABLE latin (s STRING) WITH (
  'connector' = 'kafka', 'topic' = 'l', 'properties.bootstrap.servers' = 'b:9092',
  'format' = 'raw', 'raw.charset' = 'ISO-8859-1', 'raw.endianness' = 'middle-endian');
INSERT INTO latin SELECT CAST(d AS STRING) FROM src;
INSERT INTO two SELECT s, s FROM latin;
CREATE TABLE klingon (s STRING) WITH (
  'connector' = 'kafka', 'topic' = 'k', 'properties.bootstrap.servers' = 'b:9092',
  'format' = 'raw', 'raw.charset' = 'x-klingon');
INSERT INTO klingon SELECT s FROM latin;
