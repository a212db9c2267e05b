' GOTO and labels: a counting loop, a forward jump past an error branch, and a jump out of loops
x = 0
counter:
    x = x + 1
    TALK "count " + x
    IF x < 3 THEN GOTO counter
TALK "counted to " + x

reading = 42
check:
    IF reading > 30 THEN GOTO too_high
    TALK "reading is fine"
    GOTO done
too_high:
    TALK "reading too high: " + reading
    reading = reading - 20
    GOTO check

done:
    FOR i = 1 TO 5
        FOR EACH word IN ["a", "b"]
            IF i = 2 AND word = "b" THEN GOTO finished
            TALK i + word
        NEXT
    NEXT
    TALK "never here"
finished:
    TALK "left both loops at " + i
