' A text beyond the limit fails the execution instead of eating the memory
s = "x"
DO
    s = s + s
LOOP
