#workflow
' A support dialog: durable, so a crash or restart never loses the conversation.
' CREATE comes from the example plugin in examples/ticket-plugin.
TALK "Describe the issue"
HEAR description
HEAR priority AS "low", "normal", "urgent" WITH "How urgent is it? (low, normal, urgent)"
ticket = CREATE(description, priority)
TALK "Ticket #{ticket} created"
RETURN ticket
