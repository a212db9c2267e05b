' Our first script: runs directly in memory (no #workflow pragma).
TALK "Hello! What is your name?"
HEAR name AS NAME
TALK "Nice to meet you, {name}."
HEAR age AS INTEGER WITH "How old are you?"
IF age >= 18 THEN
    TALK "Welcome aboard."
ELSE
    TALK "Welcome, young one."
END IF
RETURN "greeted " + name
