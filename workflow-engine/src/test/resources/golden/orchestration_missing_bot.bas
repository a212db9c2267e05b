STEP 1: BOT "nobody" "anything"
TALK "not reached"
