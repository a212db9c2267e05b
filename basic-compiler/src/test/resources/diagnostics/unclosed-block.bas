FOR EACH item IN items
  IF item > 3 THEN
    TALK item
NEXT
DO WHILE busy
  WAIT 1
WITH order
  id = 1
BEGIN TALK
Hello
