--prelude
INSERT INTO o_b SELECT t.a1 FROM (SELECT b AS a, b AS a, i AS a1 FROM src) t;
