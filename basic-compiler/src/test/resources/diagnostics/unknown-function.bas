root = SQR(16)
TALK "Year: " + YEAR(NOW())
