' ON ERROR RESUME NEXT: a failing step records its error and the script goes on
ON ERROR RESUME NEXT
x = 10 / 0
IF ERROR THEN
    TALK "Caught: " + ERROR MESSAGE + " (ERR " + ERR + ")"
END IF
CLEAR ERROR
IF NOT ERROR THEN
    TALK "Cleared"
END IF
data = FETCH "flaky", 10
IF ERROR THEN
    TALK "Fetch failed: " + ERROR MESSAGE
    CLEAR ERROR
    data = FETCH "steady", 0
END IF
TALK data
THROW "Invalid input"
TALK "After THROW: " + ERROR MESSAGE
ASSERT LEN(data) > 100, "data too short"
TALK "After ASSERT: " + ERROR MESSAGE
ON ERROR GOTO 0
TALK "Error state after GOTO 0: [" + ERROR MESSAGE + "]"
RAISE "stops the script"
TALK "never"
