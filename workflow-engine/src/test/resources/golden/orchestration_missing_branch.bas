' A branch naming no bot fails its PARALLEL step; durably, no branch is started then
STEP 2: PARALLEL
  BRANCH A: BOT "stock" "restock"
  BRANCH B: BOT "ghost" "haunt"
END PARALLEL
TALK "not reached"
