--prelude
INSERT INTO o_t SELECT ts + INTERVAL '3' HOUR FROM src;
