' A FOR with STEP 0 would never end: it fails naming the loop
FOR i = 1 TO 10 STEP 0
    TALK "never"
NEXT
