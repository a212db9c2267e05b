' pricer bot: answers what an ADD BOT trigger routed to it
TALK "Pricer: " + task + " costs 10"
