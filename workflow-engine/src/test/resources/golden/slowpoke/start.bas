' slowpoke bot: answers after its caller's deadline
TALK "slowpoke starts on: " + task
WAIT 5
RETURN "too late"
