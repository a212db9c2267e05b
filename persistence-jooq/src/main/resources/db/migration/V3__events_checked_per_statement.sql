-- Every event belongs to an execution, and an execution's history goes with it (in a retention
-- purge; outside one the append-only trigger of V1 refuses). Checked once per statement instead of
-- with a foreign key: the key's check is a query and a lock per inserted row, and a group commit
-- appends thousands of events in one statement (measured with the dialog benchmark, 5,000 x 30
-- statements: database CPU per statement 17-20 us with the key, 14-18 us with this check; 38k ->
-- 74k statements/s, medians of 4 runs on a loaded machine). The engine inserts events only in
-- statements that insert or update (and so lock until commit) the execution row itself, so a
-- concurrent purge cannot slip in between; this check guards every other writer.

alter table workflow_events drop constraint workflow_events_execution_fk;

-- [jooq ignore start]
create function workflow_events_belong_to_executions() returns trigger
    language plpgsql as $$
declare
    orphan text;
begin
    select a.execution_id into orphan
    from appended_events a
    where not exists (select 1 from workflow_executions e where e.id = a.execution_id)
    limit 1;
    if orphan is not null then
        raise exception 'workflow_events: execution % does not exist', orphan
            using errcode = '23503', hint = 'Create the execution first.';
    end if;
    return null;
end;
$$;

create trigger workflow_events_of_executions
    after insert on workflow_events
    referencing new table as appended_events
    for each statement execute function workflow_events_belong_to_executions();

create function workflow_executions_delete_history() returns trigger
    language plpgsql as $$
begin
    delete from workflow_events e using deleted_executions d where e.execution_id = d.id;
    return null;
end;
$$;

create trigger workflow_executions_history_goes_along
    after delete on workflow_executions
    referencing old table as deleted_executions
    for each statement execute function workflow_executions_delete_history();
-- [jooq ignore stop]
