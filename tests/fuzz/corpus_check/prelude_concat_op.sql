--prelude
INSERT INTO o_s SELECT s || '-' || v || CAST(i AS STRING) FROM src;
