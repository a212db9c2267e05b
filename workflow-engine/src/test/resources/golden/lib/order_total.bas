' A script CALLed with arguments: its PARAMs receive them in order; a missing one takes its DEFAULT
PARAM item AS STRING DESCRIPTION "what is ordered"
PARAM quantity AS INTEGER
PARAM price AS NUMBER DEFAULT 2.5
total = quantity * price
TALK "Order: " + quantity + " x " + item + " at " + price
RETURN total
