TALK found OR FIND "users"
IF twice(2) > 3 THEN TALK "big"
n = IIF(ok, CREATE("x"), 0)
FUNCTION twice(v)
  RETURN v * 2
END FUNCTION
