--prelude
INSERT INTO u2 SELECT b, MAX(s), SUM(d) + AVG(f) FROM src GROUP BY b;
