' A bot with no entry script fails its step, saying where it looked
STEP 1: BOT "nobody" "anything"
TALK "not reached"
