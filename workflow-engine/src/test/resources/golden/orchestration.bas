' An orchestration: a step, then two bots at once, their results merged into the variables
ORCHESTRATE WORKFLOW "refunds"
order_amount = 150
STEP 1: BOT "classifier" "classify: parcel arrived late"
TALK "category " + category + " in " + workflow
STEP 2: PARALLEL
  BRANCH A: BOT "refunder" "refund " + order_amount
  BRANCH B: BOT "stock" "restock one unit"
END PARALLEL
TALK "refund " + refund_id + ", stock says " + result_b
RETURN category
