' More steps than one activation runs: the direct run yields and goes on
total = 0
FOR i = 1 TO 6000
    total = total + i
NEXT
RETURN total
