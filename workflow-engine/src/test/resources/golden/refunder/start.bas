' a bot in the plain layout name/start.bas; branches run at once, so they do not TALK (their order would vary)
RETURN { refund_id: "R-" + order_amount + " for " + task }
