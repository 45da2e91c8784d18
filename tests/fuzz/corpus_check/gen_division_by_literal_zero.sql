CREATE TABLE s (a BIGINT, b STRING, c DECIMAL(10,2), d DOUBLE, t TIMESTAMP(3), i INT) WITH ('connector' = 'kafka', 'topic' = 's', 'properties.bootstrap.servers' = 'k:9092', 'format' = 'json');
CREATE TABLE o (x INT) WITH ('connector' = 'kafka', 'topic' = 'o', 'properties.bootstrap.servers' = 'k:9092', 'format' = 'json');
INSERT INTO o SELECT i / 0 FROM s;
