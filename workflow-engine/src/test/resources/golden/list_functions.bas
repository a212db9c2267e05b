' NEW OBJECT / NEW ARRAY, the statement forms that change a list, and the pure list functions
items = NEW ARRAY
PUSH items, 3
items.PUSH(1)
APPEND items, 2
TALK JOIN(items, ",")
last = POP(items)
TALK "popped " + last + ", left " + JOIN(items, ",")
TALK JOIN(SORT([3, 10, 2.5, 1]), " ") + " | " + JOIN(SORT(["b", "a", "C"], "DESC"), " ")
person = NEW OBJECT
person.name = "Ana"
TALK TYPEOF(person) + " " + TYPEOF(items) + " " + TYPEOF("x") + " " + TYPEOF(1) + " " + TYPEOF(NULL) + " " + TYPEOF(TRUE)
scores = [85, 92, 67, 78, 95]
passing = FILTER(scores, "item >= 70")
TALK "passing " + JOIN(passing, ",")
orders = [#{id: 1, total: 1200.10, status: "open"}, #{id: 2, total: 99.95, status: "paid"}, #{id: 3, total: 1500, status: "open"}]
big = FILTER(orders, "item.total > 1000 AND item.status = 'open'")
TALK "big " + JOIN(MAP(big, "id"), ",")
cheap = FILTER(orders, "total<1000")
TALK "cheap " + JOIN(MAP(cheap, "id"), ",")
TALK "with tax " + JOIN(MAP([100, 0.1], "item * 1.1"), ",")
TALK "sum " + AGGREGATE("SUM", orders, "total") + ", avg " + AGGREGATE("AVG", orders, "total") + ", count " + AGGREGATE("COUNT", orders, "id")
TALK "by status " + JOIN(KEYS(GROUPBY(orders, "status")), ",")
TALK "sorted " + JOIN(MAP(SORT(orders, "total", "DESC"), "id"), ",")
TALK "slice " + JOIN(SLICE([1, 2, 3, 4, 5], 1, 3), ",") + " " + JOIN(SLICE([1, 2, 3, 4, 5], -2), ",") + " " + SLICE("abcdef", 2)
TALK "unique " + JOIN(UNIQUE([1, 2, 1, "2", 3]), ",") + " reversed " + JOIN(REVERSE([1, 2, 3]), ",")
TALK "nvl " + NVL(missing, "fallback") + " " + NVL(0, 5) + " " + IIF(ISNULL(missing), "null", "set") + " " + ISARRAY(items)
TALK "first word " + FIRST("search books about Rust") + ", last " + LAST("search books about Rust")
RETURN items
