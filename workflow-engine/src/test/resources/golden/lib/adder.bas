DESCRIPTION "Adds two numbers"
PARAM a AS NUMBER DESCRIPTION "the first number"
PARAM b AS NUMBER DESCRIPTION "the second number"
RETURN a + b
