' TRY … CATCH … END TRY: the first failing statement ends the body, the handler sees the error
TRY
    TALK "before"
    x = 10 / 0
    TALK "never after the division"
CATCH e
    TALK "caught: " + e.message + " (" + e.number + ")"
    TALK "also as ERROR MESSAGE: " + ERROR MESSAGE
END TRY
TALK "error cleared: " + (NOT ERROR)

n = 0
TRY
    DO WHILE n < 10
        n = n + 1
        IF n = 3 THEN THROW "stop at three"
        TALK "pass " + n
    LOOP
CATCH
    TALK "loop left at " + n + ": " + ERROR_MESSAGE
END TRY

TRY
    TALK "no error here"
CATCH err
    TALK "never"
END TRY

TRY
    TRY
        THROW "inner"
    CATCH inner
        TALK "inner caught " + inner.message
        THROW "from the handler"
    END TRY
    TALK "never after a failing handler"
CATCH outer
    TALK "outer caught " + outer.message
END TRY
RAISE "outside any TRY"
TALK "never"
