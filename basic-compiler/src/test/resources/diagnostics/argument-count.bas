short = LEFT(name)
SAVE
rows = FIND "users", "extra"
CALL greet(1, 2)
SUB greet(who)
  TALK who
END SUB
