RETURN "ok: " + task
