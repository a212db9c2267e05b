-- The orphan checks of V3/V5 (events) and V80 (inputs, messages) are skipped in the engine's own
-- sessions by their trigger's WHEN. PostgreSQL stores a WHEN as the text of its expression tree and
-- reads it back (stringToNode) and prepares it at every statement that inserts into the table, even
-- when it then skips the trigger; a constant is written there byte by byte, so the text of
-- "current_setting('basicflow.fenced_writer', true) is distinct from 'on'" is long to read back.
-- Counted with valgrind (callgrind) on PostgreSQL 17.7, one single-user backend replaying the
-- engine's light commit (lock the leased row for share, append two events): 313,600 instructions per
-- statement with that WHEN, 273,400 with no orphan trigger at all, 297,100 with the same test in a
-- function without arguments (a plpgsql function keeps its plan for the session, so what is read back
-- per statement is a call of no arguments). The rule is unchanged: a session that has not set
-- basicflow.fenced_writer = on is checked, the whole statement refused with SQLSTATE 23503 naming the
-- execution. docs/performance.md, "The orphan check's WHEN".

-- [jooq ignore start]
create function workflow_session_is_checked() returns boolean
    language plpgsql stable parallel safe as $$
begin
    return current_setting('basicflow.fenced_writer', true) is distinct from 'on';
end;
$$;

comment on function workflow_session_is_checked() is
    'True unless the session declared itself the engine''s (set basicflow.fenced_writer = on): the WHEN of the orphan checks.';

drop trigger workflow_events_of_executions on workflow_events;
create trigger workflow_events_of_executions
    after insert on workflow_events
    referencing new table as appended_events
    for each statement
    when (workflow_session_is_checked())
    execute function workflow_events_belong_to_executions();

drop trigger workflow_inbox_of_executions on workflow_inbox;
create trigger workflow_inbox_of_executions
    after insert on workflow_inbox
    referencing new table as added_rows
    for each statement
    when (workflow_session_is_checked())
    execute function workflow_rows_belong_to_executions();

drop trigger workflow_outbox_of_executions on workflow_outbox;
create trigger workflow_outbox_of_executions
    after insert on workflow_outbox
    referencing new table as added_rows
    for each statement
    when (workflow_session_is_checked())
    execute function workflow_rows_belong_to_executions();
-- [jooq ignore stop]
