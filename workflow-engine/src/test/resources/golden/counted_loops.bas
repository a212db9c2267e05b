' FOR with the default step, a negative step, a fractional step, no pass, and a moved counter
total = 0
FOR i = 1 TO 5
    total = total + i
NEXT i
TALK "sum 1..5 = " + total + ", i after = " + i
FOR j = 10 TO 1 STEP -3
    TALK "down " + j
NEXT
FOR k = 0 TO 1 STEP 0.25
    TALK "k = " + k
NEXT
FOR n = 5 TO 1
    TALK "never"
NEXT
TALK "n stays " + n
FOR m = 1 TO 10
    IF m = 3 THEN m = 8
    TALK "m = " + m
NEXT
