' A failing branch fails its step, naming the step, the branch and the bot
ORCHESTRATE WORKFLOW "fails"
STEP 3: PARALLEL
  BRANCH A: BOT "stock" "restock"
  BRANCH B: BOT "broken" "divide"
END PARALLEL
TALK "not reached"
