' IF in block and one-line forms, ELSEIF and ELSE IF, nested, NULL tests
score = 75
IF score >= 90 THEN
    TALK "A"
ELSEIF score >= 70 THEN
    TALK "B"
ELSE
    TALK "C"
END IF
IF score < 50 THEN TALK "fail" ELSE TALK "pass"
IF NOT missing THEN TALK "missing is empty"
IF score > 10 AND score < 100 THEN
    IF score = 75 THEN
        TALK "exactly 75"
    END IF
ELSE IF score > 200 THEN
    TALK "huge"
END IF
IF missing IS NULL THEN TALK "missing is NULL"
