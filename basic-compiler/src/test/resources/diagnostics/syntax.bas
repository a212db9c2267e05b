' Plain syntax errors: each is reported, and the lines after them still compile.
total = 1 +
IF total 2 THEN
  TALK "big"
END IF
items = [1, 2
TALK "done"
x = (a + b
"hello"
SELECT CASE total
  CASE
    TALK "none"
END SELECT
