--prelude
INSERT INTO o_s SELECT IF(bo, s, v) FROM src;
