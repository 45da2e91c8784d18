--prelude
INSERT INTO o_2 SELECT s, COUNT(*) FROM src GROUP BY s;
