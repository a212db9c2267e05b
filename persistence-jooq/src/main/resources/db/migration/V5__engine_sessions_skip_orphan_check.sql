-- The orphan check of V3 is skipped in the engine's own sessions. Every statement of the engine that
-- appends events takes them from the execution rows it inserts or locks in that same statement (the
-- start, the full and the light commit join their events with those rows), so an orphan event cannot
-- come from there, and a concurrent purge waits for the lock. The check remains for every other
-- writer. The engine's pooled connections run "set basicflow.fenced_writer = on" when they open
-- (io.basicflow.persistence.Database); a session without that setting is checked as before.
--
-- Measured (PostgreSQL 17, pgbench, one prepared light commit of two events, 3,000 each): server
-- execution 74-80 us per statement with the check, 52-62 us without; end to end 0.36-0.37 ms
-- against 0.32-0.35 ms in alternating runs. The light commit is the sequential benchmark's step.

-- [jooq ignore start]
drop trigger workflow_events_of_executions on workflow_events;

create trigger workflow_events_of_executions
    after insert on workflow_events
    referencing new table as appended_events
    for each statement
    when (current_setting('basicflow.fenced_writer', true) is distinct from 'on')
    execute function workflow_events_belong_to_executions();
-- [jooq ignore stop]
