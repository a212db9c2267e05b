' The classifier bot (General Bots' folder layout): it sees the orchestration's variables and task
IF INSTR(LOWER(task), "late") > 0 THEN
  RETURN #{ category: "delivery" }
END IF
RETURN #{ category: "other" }
