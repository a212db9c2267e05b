-- Every input (workflow_inbox) and every outgoing message (workflow_outbox) belongs to an execution,
-- and goes with it when the execution is deleted (a retention purge). Checked once per statement, as
-- V3 and V5 do for events, instead of with a foreign key: the key's check is a query and a row lock
-- (FOR KEY SHARE) on the execution per inserted row, and a resumed HEAR waiter inserts one input (the
-- delivery) and one message (the TALK of its commit): measured with pg_stat_statements on
-- "bench wait", 128,000 such checks for 64,000 resumes, each taking about as long as the claim's whole
-- update of the row (see docs/performance.md, "wait and events").
--
-- The engine inserts inputs only for the execution rows its delivery statement locks (FOR UPDATE) and
-- updates in that statement, and messages only for the rows its group commit updates in that
-- statement (fenced), so neither can be an orphan and a concurrent purge waits for the row lock. Its
-- pooled sessions ("set basicflow.fenced_writer = on", io.basicflow.persistence.Database) skip the
-- check; every other session is checked as a foreign key would check it (SQLSTATE 23503, the whole
-- statement refused).

-- [jooq ignore start]
alter table workflow_inbox drop constraint if exists workflow_inbox_execution_fk;
alter table workflow_outbox drop constraint if exists workflow_outbox_execution_fk;

-- One check for both tables: each trigger names its new rows "added_rows".
create function workflow_rows_belong_to_executions() returns trigger
    language plpgsql as $$
declare
    orphan text;
begin
    select a.execution_id into orphan
    from added_rows a
    where not exists (select 1 from workflow_executions e where e.id = a.execution_id)
    limit 1;
    if orphan is not null then
        raise exception '%: execution % does not exist', tg_table_name, orphan
            using errcode = '23503', hint = 'Create the execution first.';
    end if;
    return null;
end;
$$;

create trigger workflow_inbox_of_executions
    after insert on workflow_inbox
    referencing new table as added_rows
    for each statement
    when (current_setting('basicflow.fenced_writer', true) is distinct from 'on')
    execute function workflow_rows_belong_to_executions();

create trigger workflow_outbox_of_executions
    after insert on workflow_outbox
    referencing new table as added_rows
    for each statement
    when (current_setting('basicflow.fenced_writer', true) is distinct from 'on')
    execute function workflow_rows_belong_to_executions();

create function workflow_executions_delete_inbox_outbox() returns trigger
    language plpgsql as $$
begin
    delete from workflow_inbox i using deleted_executions d where i.execution_id = d.id;
    delete from workflow_outbox o using deleted_executions d where o.execution_id = d.id;
    return null;
end;
$$;

create trigger workflow_executions_inbox_outbox_go_along
    after delete on workflow_executions
    referencing old table as deleted_executions
    for each statement execute function workflow_executions_delete_inbox_outbox();
-- [jooq ignore stop]
