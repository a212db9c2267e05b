saved = SAVE "log", 1
r = SEND MAIL "a@b.c", "s", "b"
x = greet()
SUB greet()
  TALK "hi"
END SUB
