--prelude
INSERT INTO o_2 SELECT COALESCE(s, v, 'none'), CHAR_LENGTH(s) + ABS(i) + MOD(b, 7) FROM src;
