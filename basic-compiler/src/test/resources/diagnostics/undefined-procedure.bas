CALL missing(1)
total = compute(2)
