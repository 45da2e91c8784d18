--prelude
INSERT INTO o_b SELECT b FROM src WHERE (s LIKE 'a%' OR s IS NULL) AND i BETWEEN -5 AND 5 AND bo IS NOT TRUE AND v IN ('x', 'y') AND NOT (d > 1e10);
