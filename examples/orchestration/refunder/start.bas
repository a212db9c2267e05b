' The refunder bot (plain layout): a returned map becomes the orchestration's variables
WAIT 1
RETURN { refund_id: "R-" + order_amount }
