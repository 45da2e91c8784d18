-- After a syntax error the next statement is analyzed, so four mistakes give
-- four errors; a table whose CREATE did not parse reports nothing more where
-- it is read, and a view's mistake is reported once however often it is read.
CREATE TABLE src (a BIGINT, b STRING,) WITH (
  'connector' = 'kafka', 'topic' = 's', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
CREATE TABLE snk (b STRING, n BIGINT, PRIMARY KEY (b) NOT ENFORCED) WITH (
  'connector' = 'upsert-kafka', 'topic' = 'o', 'properties.bootstrap.servers' = 'b:9092',
  'key.format' = 'json', 'value.format' = 'json');
CREATE TABLE ok (a BIGINT, b STRING) WITH (
  'connector' = 'kafka', 'topic' = 'k', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
CREATE VIEW v AS SELECT b, a AND b AS bad FROM ok;
INSERT INTO snk SELECT b, COUNT(*) FROM v GROUP BY b;
INSERT INTO snk SELECT b, COUNT(*) FROM v GROUP BY b;
INSERT INTO snk SELECT b, COUNT(*) FROM src GROUP BY b;
INSERT INTO snk SELECT b COUNT(*) FROM ok GROUP BY b;
INSERT INTO snk SELECT b, COUNT(*) FROM okk GROUP BY b;
