--prelude
INSERT INTO o_2 SELECT * FROM (SELECT s, b FROM src);
