' RETURN at top level ends the script with its value
x = 1
IF x = 1 THEN
    RETURN { status: "ok", count: x }
END IF
TALK "never"
