--prelude
INSERT INTO o_b SELECT MOD(i, 0) FROM src;
