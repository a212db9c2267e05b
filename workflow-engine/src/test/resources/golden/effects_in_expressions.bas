' Effect keywords inside expressions: each runs as its own step just before its statement, left to right
TALK "Got " + FETCH("weather") + " and " + FETCH "news"
m = { "a": FETCH "one", "b": SHOUT("two"), "c": 3 }
TALK m.a + " / " + m.b + " / " + m.c
IF 1 = 2 THEN TALK FETCH "never"
IF FETCH("flag") <> "" THEN TALK "flag fetched"
label = "Bearer " + FETCH(SHOUT "token")
TALK label
d = describe("city")
TALK d

FUNCTION describe(what)
    RETURN "The " + what + " is " + FETCH(what)
END FUNCTION
