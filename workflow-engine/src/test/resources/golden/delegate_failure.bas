' A delegated bot that fails fails the step: ON ERROR RESUME NEXT catches it; a missing bot fails the script
ON ERROR RESUME NEXT
answer = DELEGATE "pay the invoice" TO BOT "broken" TIMEOUT 30
IF ERROR THEN
    TALK "Payment bot trouble: " + ERROR MESSAGE
END IF
ON ERROR GOTO 0
DELEGATE "anything" TO BOT "nobody"
TALK "not reached"
