TALK "Found: " + FIND "users"
IF twice(2) > 3 THEN TALK "big"
n = LEN(CREATE("x"))
FUNCTION twice(v)
  RETURN v * 2
END FUNCTION
