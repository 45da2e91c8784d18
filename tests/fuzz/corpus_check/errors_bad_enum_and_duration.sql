CREATE TABLE src (a STRING) WITH (
  'connector' = 'kafka', 'topic' = 's', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json',
  'scan.startup.mode' = 'earliest', 'scan.bounded.mode' = 'timestamp',
  'value.fields-include' = 'NONE', 'scan.topic-partition-discovery.interval' = 'soon');
