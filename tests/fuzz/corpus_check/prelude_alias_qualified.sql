--prelude
INSERT INTO o_2 SELECT x.s AS a, x.b AS c FROM src AS x;
