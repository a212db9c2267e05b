' DELEGATE with a TIMEOUT the bot does not meet: the answer is NULL and the script goes on
answer = DELEGATE "a slow analysis" TO BOT "slowpoke" TIMEOUT 2
IF answer IS NULL THEN
    TALK "No answer within 2 seconds."
ELSE
    TALK "Answer: " + answer
END IF
