HEAR photo AS IMAGE
HEAR code AS QRCODE WITH "Show me the code"
