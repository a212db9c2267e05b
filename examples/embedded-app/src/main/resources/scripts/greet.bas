#workflow
PARAM name AS STRING
TALK "Hello, " + name + ". How many tickets shall I open?"
HEAR count AS INTEGER
RETURN name + " asked for " + count
