' TRANSFER CONVERSATION TO: the bot takes the conversation over; the script's later lines never run
issue = "refund request"
TALK "Let me connect you with our billing specialist."
TRANSFER CONVERSATION TO "billing"
TALK "never said"
