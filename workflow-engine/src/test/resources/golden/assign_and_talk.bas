' Assignments in every form, and TALK with templates
name = "Ana"
SET age = 41
LET city = "Lisbon"
total = 0.1 + 0.2
TALK "Hello, " + name
TALK "You are ${age + 1} next year"
TALK "City: {city}"
TALK TO "whatsapp:+5511999999999", "Order for " & name
BEGIN TALK
Line one for {name}
Line two: ${total}
END TALK
RETURN total
