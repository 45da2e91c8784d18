--prelude
INSERT INTO u SELECT s, MIN(b) FROM src GROUP BY s;
