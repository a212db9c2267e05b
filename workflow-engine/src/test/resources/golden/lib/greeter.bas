HEAR name WITH "Child asks: your name?"
TALK "Child says hi to " + name
RETURN "ignored by CALL"
