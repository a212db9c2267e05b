' tracker bot: ADD BOT's triggers route inputs to it (task); it asks a question of its own
IF task = "closing time" THEN
    TALK "Tracker signing off."
    RETURN "bye"
END IF
TALK "Tracker here about: " + task + ". Your order number?"
HEAR order
TALK "Order " + order + " ships tomorrow."
