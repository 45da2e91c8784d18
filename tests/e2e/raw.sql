-- The raw format: a text stream in, counts out with a raw BIGINT value
-- (little-endian) under a raw STRING key, and a raw DOUBLE copy.
CREATE TABLE words (
  word STRING
) WITH (
  'connector' = 'kafka',
  'topic' = 'words',
  'properties.bootstrap.servers' = 'localhost:9092',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset',
  'format' = 'raw'
);
CREATE TABLE word_counts (
  word STRING,
  n BIGINT,
  PRIMARY KEY (word) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = 'word_counts',
  'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'raw',
  'value.format' = 'raw',
  'value.raw.endianness' = 'little-endian',
  'value.fields-include' = 'EXCEPT_KEY'
);
CREATE TABLE lengths (
  len DOUBLE
) WITH (
  'connector' = 'kafka',
  'topic' = 'lengths',
  'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'raw'
);
EXECUTE STATEMENT SET BEGIN
  INSERT INTO word_counts SELECT word, COUNT(*) FROM words WHERE word IS NOT NULL GROUP BY word;
  INSERT INTO lengths SELECT CAST(CHAR_LENGTH(word) AS DOUBLE) FROM words;
END;
