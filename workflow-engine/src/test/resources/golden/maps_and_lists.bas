' Member and index assignment build new values; WITH fills a map
order = NULL
order.customer = "Ana"
order.items = []
order.items[0] = "tea"
order.items[1] = "cake"
order.items[0] = "coffee"
WITH order
    status = "open"
    total = 7.5
END WITH
TALK order
counts = {}
counts["tea"] = 1
counts.Tea = counts.tea + 1
TALK counts
matrix = [[1, 2], [3, 4]]
matrix[1][0] = 30
TALK matrix
WITH extra
    a = 1
END WITH
TALK extra.a
