--prelude
INSERT INTO u SELECT s, COUNT(*) FROM src GROUP BY s;
