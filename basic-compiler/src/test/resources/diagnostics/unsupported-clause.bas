SEND MAIL "a@b.c", "Report", "See attached", ATTACHMENT file
rows = FIND "users" WHERE age > 18 ORDER BY name
