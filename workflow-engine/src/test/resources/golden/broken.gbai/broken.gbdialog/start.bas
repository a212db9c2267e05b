x = LEN(task) / 0
