' ${…} as a value, LIKE, IS NUMERIC, multi-line '…' strings, HEAR AS TYPE "prompt", WITH field lines
a = 2
b = ${a * 21}
TALK "b is " + ${b}
IF "John Smith" LIKE "john*" AND NOT ("Ann" LIKE "b?n") THEN
    TALK "LIKE matches"
END IF
IF IS NUMERIC("42") AND NOT IS NUMERIC("x42") THEN
    TALK "IS NUMERIC works"
END IF
query = '
  query {
    users { id }
  }
'
TALK TRIM(query)
HEAR n AS INTEGER "How many tickets?"
NOTE WITH
    item = "ticket",
    count = n,
    total = n * 12.5
order = #{
    id: 7,
    lines: [1, 2],
}
TALK TOJSON(order)
TALK "site: " + (order.website ?? "none") + ", id: " + (order.id ?? 0)
