' An orchestration: ./basicflow run examples/orchestration/refunds.bas
' ORCHESTRATE WORKFLOW makes it durable: kill it while it runs and run it again to continue.
ORCHESTRATE WORKFLOW "refunds"
TALK "What went wrong with your order?"
HEAR complaint
order_amount = 150
STEP 1: BOT "classifier" complaint
TALK "Category: " + category
STEP 2: PARALLEL
  BRANCH A: BOT "refunder" "refund " + order_amount
  BRANCH B: BOT "stock" "restock one unit"
END PARALLEL
TALK "Refund " + refund_id + " issued; stock says " + result_b
