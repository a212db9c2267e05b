' a bot in General Bots' folder layout; it sees the orchestration's variables and its task
TALK "classifier: " + task + " (order of " + order_amount + ")"
RETURN #{ Category: "delivery", confidence: 0.9 }
