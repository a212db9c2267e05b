SUB greet()
END SUB
SUB greet()
END SUB
FUNCTION len(x)
  RETURN 1
END FUNCTION
order = { "id": 1, "id": 2 }
PARAM city AS STRING OPTIONAL OPTIONAL
WITH receipt
  number = 1
  number = 2
END WITH
