TALK "Hello
TALK "this line closes the string of line 1, so 'this' is left over"
x = 1
TALK "and this string is never closed
