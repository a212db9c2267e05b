TALK "stock: " + task
RETURN "ok"
