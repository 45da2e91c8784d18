--prelude
INSERT INTO o_2 SELECT t.s, t.n FROM (SELECT s, b * 2 AS n FROM src WHERE i > 0) AS t WHERE t.n < 100;
