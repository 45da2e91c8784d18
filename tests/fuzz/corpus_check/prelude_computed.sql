--prelude
INSERT INTO o_b SELECT p FROM src;
