-- Scalar types through decode, expressions and encode: DECIMAL, TIMESTAMP,
-- DATE, TIME, BYTES, small integers, FLOAT, BOOLEAN.
CREATE TABLE items (
  id TINYINT,
  qty SMALLINT,
  price DECIMAL(10, 2),
  ratio FLOAT,
  seen TIMESTAMP(3),
  seen_at TIMESTAMP_LTZ(3),
  day DATE,
  at_time TIME(0),
  blob BYTES,
  ok BOOLEAN
) WITH (
  'connector' = 'kafka',
  'topic' = 'items',
  'properties.bootstrap.servers' = 'localhost:9092',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset',
  'format' = 'json'
);
CREATE TABLE out_items (
  id INT,
  price DECIMAL(12, 2),
  price_d DOUBLE,
  price_s STRING,
  recent BOOLEAN,
  seen TIMESTAMP(3),
  seen_at TIMESTAMP_LTZ(3),
  day DATE,
  at_time TIME(0),
  blob BYTES,
  ratio FLOAT
) WITH (
  'connector' = 'kafka',
  'topic' = 'out_items',
  'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json',
  'json.encode.decimal-as-plain-number' = 'true'
);
CREATE TABLE latest (
  id INT,
  first_seen TIMESTAMP(3),
  last_seen TIMESTAMP(3),
  n BIGINT,
  PRIMARY KEY (id) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = 'latest',
  'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'json',
  'value.format' = 'json'
);
EXECUTE STATEMENT SET BEGIN
INSERT INTO out_items
SELECT id, price, CAST(price AS DOUBLE), CAST(price AS STRING), seen > TIMESTAMP '2026-01-01 00:00:00',
       seen, seen_at, day, at_time, blob, ratio
FROM items
WHERE price > 10 AND qty <> 0 AND ok;
INSERT INTO latest
SELECT id, MIN(seen), MAX(seen), COUNT(*) FROM items WHERE id IS NOT NULL GROUP BY id;
END;
