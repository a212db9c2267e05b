SET CONTEXT "You are a helpful assistant"
SEND FILE report, "Monthly report"
answer = LLM "Summarise: " + text
TABLE customers
  id uuid key
  name string(100)
END TABLE
