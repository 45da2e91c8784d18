--prelude
SET 'table.exec.sink.not-null-enforcer' = 'DROP';
INSERT INTO o_bo SELECT bo FROM src;
