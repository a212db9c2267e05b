' finance bot: answers what it is delegated, with the caller's variables at hand
IF task = "profile" THEN
    RETURN #{ risk: "low", horizon: 5 }
END IF
TALK "finance is working on: " + task + " (for " + customer + ")"
RETURN "about 17623"
