-- tests/golden/aggregates.sql, bounded: every aggregate of this version, a
-- FILTER clause, a key prefix with EXCEPT_KEY, and a HAVING filter over the
-- updates (which makes the aggregate send UPDATE_BEFORE: FLINK-9528).
CREATE TABLE readings (
  sensor STRING,
  site INT,
  temp DOUBLE,
  hum FLOAT,
  level BIGINT
) WITH (
  'connector' = 'kafka',
  'topic' = 'readings',
  'properties.bootstrap.servers' = 'localhost:9092',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset',
  'format' = 'json'
);
CREATE TABLE stats (
  k_sensor STRING,
  k_site INT,
  n BIGINT,
  n_temp BIGINT,
  sum_level BIGINT,
  min_temp DOUBLE,
  max_hum FLOAT,
  avg_level BIGINT,
  avg_temp DOUBLE,
  hot BIGINT,
  PRIMARY KEY (k_sensor, k_site) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = 'stats',
  'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'json',
  'key.fields-prefix' = 'k_',
  'value.format' = 'json',
  'value.fields-include' = 'EXCEPT_KEY'
);
INSERT INTO stats
SELECT sensor, site, COUNT(*), COUNT(temp), SUM(level), MIN(temp), MAX(hum), AVG(level), AVG(temp),
       COUNT(*) FILTER (WHERE temp > 30)
FROM readings
GROUP BY sensor, site
HAVING COUNT(*) > 1;
