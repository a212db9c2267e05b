' a bot in the plain layout name/start.bas
TALK "refunder: " + task
RETURN { refund_id: "R-" + order_amount }
