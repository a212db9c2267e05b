' A bot of the set that fails fails the routing step or the BROADCAST (ON ERROR RESUME NEXT catches it);
' a name that is no bot name fails ADD BOT
ADD BOT "broken" TRIGGER "invoice"
ON ERROR RESUME NEXT
HEAR question
IF ERROR THEN
    TALK "Routing trouble: " + ERROR MESSAGE
END IF
BROADCAST "ping" TO BOTS
IF ERROR THEN
    TALK "Broadcast trouble: " + ERROR MESSAGE
END IF
ON ERROR GOTO 0
ADD BOT "no/such bot" TRIGGER "x"
TALK "not reached"
