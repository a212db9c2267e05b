' CALL runs another script in the same conversation; USE TOOL with a result runs a tool script
TALK "main starts"
CALL "lib/greeter.bas"
r = USE TOOL "lib/adder", 2, 3
TALK "2 + 3 = " + r
USE TOOL "weather"
ADD TOOL "calendar"
ADD TOOL "weather"
CLEAR TOOLS
ADD TOOL "search"
TALK "main ends"
