-- raw.charset other than UTF-8: Latin-1 text in, written as UTF-16 (with
-- Java's big-endian BOM) under a UTF-16LE key; UTF-16 text in, written as
-- Latin-1 (unmappable characters become '?') and as JSON (UTF-8).
CREATE TABLE latin_in (
  s STRING
) WITH (
  'connector' = 'kafka',
  'topic' = 'latin_in',
  'properties.bootstrap.servers' = 'localhost:9092',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset',
  'format' = 'raw',
  'raw.charset' = 'latin1'
);
CREATE TABLE utf16_in (
  s STRING
) WITH (
  'connector' = 'kafka',
  'topic' = 'utf16_in',
  'properties.bootstrap.servers' = 'localhost:9092',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset',
  'format' = 'raw',
  'raw.charset' = 'UTF-16'
);
CREATE TABLE utf16_out (
  k STRING,
  s STRING
) WITH (
  'connector' = 'kafka',
  'topic' = 'utf16_out',
  'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'raw',
  'key.fields' = 'k',
  'key.raw.charset' = 'UTF-16LE',
  'value.format' = 'raw',
  'value.raw.charset' = 'UTF-16',
  'value.fields-include' = 'EXCEPT_KEY'
);
CREATE TABLE latin_out (
  s STRING
) WITH (
  'connector' = 'kafka',
  'topic' = 'latin_out',
  'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'raw',
  'raw.charset' = 'ISO-8859-1'
);
CREATE TABLE json_out (
  s STRING,
  n INT
) WITH (
  'connector' = 'kafka',
  'topic' = 'json_out',
  'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json'
);
EXECUTE STATEMENT SET BEGIN
  INSERT INTO utf16_out SELECT s, s FROM latin_in;
  INSERT INTO latin_out SELECT s FROM utf16_in;
  INSERT INTO json_out SELECT s, CHAR_LENGTH(s) FROM utf16_in;
END;
