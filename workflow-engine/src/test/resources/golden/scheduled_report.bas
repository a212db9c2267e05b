' A scheduled script: its SET SCHEDULE lines declare when it runs on its own (docs/schedules.md)
' and run no step when the script runs, here or in a tick's execution.
SET SCHEDULE "every weekday at 8am"
SET SCHEDULE "0 30 22 * * *"
count = 3
TALK "Report: " + count + " new orders"
RETURN count
