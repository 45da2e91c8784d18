-- Flink 1.12's unquoted SET key=value, read as its SQL client's regex
-- SET\s+(\S+)\s*=(.*) did, with the value ending at the line's end or a
-- comment (a missing ';' is an error at the next line); the suggested
-- rewrite doubles quotes; an enum value is one of its names.
SET execution.checkpointing.interval=10s
CREATE TABLE src (a BIGINT) WITH (
  'connector' = 'kafka', 'topic' = 's', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
SET pipeline.name = it's mine -- a comment
;
SET a=b=c;
SET table.exec.mini-batch.enabled= true /* c */;
SET 'table.exec.sink.not-null-enforcer' = 'ERROR|DROP';
SET 'table.exec.sink.not-null-enforcer' = 'drop';
SET 'taskmanager.memory.process.size' = '1g';
