--prelude
INSERT INTO o_d SELECT ti + si * i - b / 3 % 7 + f * d - CAST(m AS DOUBLE) FROM src;
