' notes bot: takes its time and answers nobody (a fire-and-forget target)
WAIT 600
RETURN "noted " + task
