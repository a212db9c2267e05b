' billing bot: takes a conversation over, with the caller's variables at hand
TALK "Billing here, about your " + issue + ". Your order number?"
HEAR order
TALK "Refund for order " + order + " started."
RETURN "refunded " + order
