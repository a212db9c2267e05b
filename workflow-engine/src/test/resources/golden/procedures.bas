' SUB and FUNCTION: local parameters, shared script variables, recursion, EXIT SUB, no RETURN
who = "World"
CALL greet(who, "Hello")
TALK "who is still " + who
TALK shared
f = factorial(5)
TALK "5! = " + f
r = noresult(1)
IF r IS NULL THEN TALK "no RETURN gives NULL"
CALL greet("Bo", NULL)
CALL early(1)
CALL early(-1)

SUB greet(who, greeting)
    TALK greeting + ", " + who
    who = "changed"
    shared = "set by greet"
END SUB

FUNCTION factorial(n)
    IF n <= 1 THEN RETURN 1
    smaller = factorial(n - 1)
    RETURN n * smaller
END FUNCTION

FUNCTION noresult(x)
    y = x
END FUNCTION

SUB early(x)
    IF x > 0 THEN EXIT SUB
    TALK "not positive"
END SUB
