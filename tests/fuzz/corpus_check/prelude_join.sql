--prelude
INSERT INTO o_2 SELECT a.s, b2.b FROM src a JOIN src b2 ON a.i = b2.i;
