--prelude
INSERT INTO o_b SELECT i / (1 - 1) + b / CAST(0 AS BIGINT) FROM src;
