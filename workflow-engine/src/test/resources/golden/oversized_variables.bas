' Variables beyond the size limit fail the execution
items = ["0123456789"]
DO
    items = items + items
LOOP
