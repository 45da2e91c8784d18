--prelude
INSERT INTO o_2 (y, x) SELECT b, s FROM src;
