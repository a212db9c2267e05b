-- Table triggers: one row per ON INSERT|UPDATE|DELETE OF "table" … END ON of a script of the served folder
-- (docs/triggers.md). A deployment replaces the set, like workflow_event_handlers, and installs the
-- trigger workflow_row_changed on every bot table that has a handler (and drops it from the tables
-- that no longer have one). The trigger runs in the transaction of the data change: it adds one one-shot
-- start per matching handler to workflow_registered_schedules, due at once, with the row in params and an
-- id made of the change's number and the handler. A rolled-back change adds nothing; a committed one is
-- started by the scheduler exactly once (the start's id is the execution's id).
create table workflow_row_handlers (
    script       varchar(512) not null,
    line         bigint       not null,
    operation    varchar(6)   not null,
    table_schema varchar(63)  not null,
    table_name   varchar(63)  not null,
    source       text         not null,
    deployed_at  timestamptz  not null default current_timestamp,
    constraint workflow_row_handlers_pk primary key (script, line),
    constraint workflow_row_handlers_operation check (operation in ('INSERT', 'UPDATE', 'DELETE'))
);

-- The handlers a change starts: where table_schema = TG_TABLE_SCHEMA and table_name = … and operation = …
create index workflow_row_handlers_table on workflow_row_handlers (table_schema, table_name, operation);

-- Numbers the changes that start a handler: part of each start's id.
create sequence workflow_row_change_numbers;

-- [jooq ignore start]
-- security definer: a client that may write the bot's table but not the engine's tables (another program
-- with a role of its own) can still change rows; the search_path is pinned below, as PostgreSQL advises.
create function workflow_row_changed() returns trigger
    language plpgsql security definer as $$
declare
    change bigint;
    row_params json;
begin
    if not exists (
            select 1 from workflow_row_handlers
            where table_schema = TG_TABLE_SCHEMA and table_name = TG_TABLE_NAME and operation = TG_OP) then
        return null;
    end if;
    change := nextval('workflow_row_change_numbers');
    row_params := json_build_object(
        'operation', lower(TG_OP),
        'table', TG_TABLE_NAME,
        'new', case when TG_OP <> 'DELETE' then to_jsonb(NEW) end,
        'old', case when TG_OP <> 'INSERT' then to_jsonb(OLD) end);
    insert into workflow_registered_schedules (id, script, source, variables, next_fire_at, registered_by)
    select 'row:' || TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME || ':' || change || ':'
               || substr(md5(h.script || ':' || h.line), 1, 12),
           h.script,
           h.source,
           json_build_object('params', row_params),
           now(),
           left('ON ' || TG_OP || ' OF "' || TG_TABLE_NAME || '" (change ' || change || ' of '
               || TG_TABLE_SCHEMA || ')', 200)
    from workflow_row_handlers h
    where h.table_schema = TG_TABLE_SCHEMA and h.table_name = TG_TABLE_NAME and h.operation = TG_OP
    on conflict (id) do nothing;
    return null;
end;
$$;

comment on function workflow_row_changed() is
    'The trigger a deployment installs on bot tables with ON INSERT|UPDATE|DELETE OF handlers: one start per handler and changed row, in the change''s transaction.';

-- The function reads the engine's tables whatever the search_path of the session that changes the row.
do $$
begin
    execute format('alter function workflow_row_changed() set search_path = %I, pg_catalog', current_schema());
end;
$$;
-- [jooq ignore stop]
