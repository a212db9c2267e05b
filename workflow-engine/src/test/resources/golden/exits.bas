' EXIT FOR and EXIT DO leave the innermost loop of their kind; EXIT ends the script
FOR i = 1 TO 3
    FOR j = 1 TO 3
        IF j = 2 THEN EXIT FOR
        TALK i + ":" + j
    NEXT
    IF i = 2 THEN EXIT FOR
NEXT
TALK "i = " + i
n = 0
DO
    n = n + 1
    FOR EACH x IN [1, 2, 3]
        IF n = 3 THEN EXIT DO
    NEXT
LOOP
TALK "n = " + n
EXIT
TALK "never"
