' An evaluation error names the script, line, column and expression
a = 10
b = 0
TALK "computing"
c = a / b
