' FILTER list WHERE condition and MAP list WITH expression (keywords-data.md, keyword-list.md):
' a name is the element's field when it has one, else the script's variable
prices = [10, 20, 30, 40]
with_tax = MAP prices WITH item * 1.5
TALK "with tax " + JOIN(with_tax, ",")
orders = [#{id: 1, total: 150, status: "open"}, #{id: 2, total: 80, status: "paid"}, #{id: 3, total: 300, status: NULL}]
total = 1
large = FILTER orders WHERE total > 100
TALK "large " + JOIN(MAP(large, "id"), ",")
limit = 200
unset = FILTER orders WHERE total > limit OR status IS NULL
TALK "over limit or no status " + JOIN(MAP(unset, "id"), ",")
factor = 2
doubled = MAP orders WITH total * factor
TALK "doubled " + JOIN(doubled, ",")
labels = MAP orders WITH "#" + id + " " + UCASE(item.status)
TALK JOIN(labels, " | ")
