' Events in a direct run: nobody else can publish, so a WAIT FOR EVENT ends at its TIMEOUT with NULL
PUBLISH EVENT "started" WITH 7
answer = WAIT FOR EVENT "approval" TIMEOUT 2
IF answer IS NULL THEN
  TALK "no approval within 2 seconds"
END IF
WAIT FOR EVENT "other" TIMEOUT 0.5
TALK "event: " + ISNULL(event)
