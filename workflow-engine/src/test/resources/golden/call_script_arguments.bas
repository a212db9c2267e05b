' CALL "other.bas" with arguments, as a statement and as the value of an assignment
CALL "lib/order_total.bas", "pens", 3, 0.1
total = CALL "lib/order_total.bas", "books", 2
TALK "Books cost " + total
result = CALL "lib/order_total.bas", "cups", 4, 1.25
TALK "Cups cost " + result
