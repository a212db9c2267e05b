' FOR EACH over a list, a map and NULL; every DO and WHILE form
fruits = ["apple", "banana", "cherry"]
FOR EACH fruit IN fruits
    TALK fruit
NEXT fruit
prices = { apple: 1.5, banana: 0.25 }
FOR EACH entry IN prices
    TALK entry.key + " costs " + entry.value
NEXT
FOR EACH nothing IN missing
    TALK "never"
NEXT
count = 0
DO WHILE count < 3
    count = count + 1
LOOP
TALK "do while: " + count
DO
    count = count - 1
LOOP UNTIL count <= 0
TALK "loop until: " + count
DO UNTIL count >= 2
    count = count + 1
LOOP
TALK "do until: " + count
DO
    count = count + 10
LOOP WHILE count < 5
TALK "loop while runs once: " + count
WHILE count > 0
    count = count - 5
WEND
TALK "while: " + count
