' Words that are also keywords serve as variables where the statement makes it clear
case = "first case"
cases = [case, "second case"]
FOR EACH case IN cases
    TALK "case: " + case
NEXT case
step = 2
FOR i = 1 TO 5 STEP step
    TALK "i " + i
NEXT
table = "orders"
type = "report"
date = "2026-12-06"
data = WITH
    table = table
    type = type
END WITH
TALK data.table + " " + data.type + " " + date
config = #{
    retries: 3,
    name: "x",
    nested: #{ a: 1,
        b: 2 },
}
TALK config.retries + config.nested.b
via = channel("+5521999")
TALK "via " + via
result = "done"
RETURN result

SUB channel(phone)
    ' General Bots lets a SUB return a value
    IF LEFT(phone, 1) = "+" THEN
        RETURN "sms"
    END IF
    RETURN "email"
END SUB
