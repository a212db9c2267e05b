' NOW() and RANDOM() read the engine's clock and random generator; their values are recorded
started = NOW()
TALK "started at " + started
WAIT 60
TALK "one minute later: " + NOW()
dice = RANDOM(1, 6)
IF dice >= 1 AND dice <= 6 THEN TALK "a die shows 1 to 6"
