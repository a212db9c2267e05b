-- basicflow durable workflow schema, version 1.
-- This file is the only truth of the schema: Flyway applies it at start, and the build generates
-- the jOOQ classes from it (DDLDatabase, no database). Sections that jOOQ's parser need not see
-- (PL/pgSQL, comments on objects) sit between "[jooq ignore start]" and "[jooq ignore stop]".
-- Columns that are keyed or indexed are varchar (the same as text in PostgreSQL, with a bound where
-- one helps), because the H2 replica that jOOQ generates from cannot index text (clob) columns.
-- Payloads are json, not jsonb: json keeps the exact text Jackson wrote, while jsonb reorders object
-- keys and rewrites numbers (5E0 becomes 5), and a replayed state must be exactly the live one (the
-- order of a script's map is visible to FOR EACH and TALK). json still answers ->, ->> and casts.

-- The exact source every execution pins, stored once per content. Editing or deleting the .bas
-- file never changes what a running execution executes.
create table workflow_scripts (
    hash       varchar(64) not null,
    name       text        not null,
    source     text        not null,
    created_at timestamptz not null default current_timestamp,
    constraint workflow_scripts_pk primary key (hash),
    -- sha-256 of the UTF-8 source, as 64 lower-case hex digits
    constraint workflow_scripts_hash_is_sha256 check (length(hash) = 64 and hash = lower(hash))
);

-- One row per execution: the head of its event log, its snapshot, its scheduling state.
-- The id is the caller's (idempotent start: inserting an id that exists does nothing) or generated.
create table workflow_executions (
    id                  varchar(200) not null,
    script_hash         varchar(64)  not null,
    script_name         varchar(1000) not null,
    status              varchar(20)  not null,
    -- the folded state (cursor + variables) as of event snapshot_seq; null before the first snapshot
    state               json,
    snapshot_seq        bigint      not null default 0,
    -- seq of the newest event; events are numbered 1, 2, 3, ... without gaps
    last_seq            bigint      not null default 0,
    -- fencing token: every commit checks and bumps it, so a worker that lost its lease cannot write
    version             bigint      not null default 0,
    lease_owner         varchar(200),
    lease_expires_at    timestamptz,
    -- not before: when a RUNNABLE execution may run (retry backoff) or a WAITING_TIMER one wakes
    wake_at             timestamptz,
    -- bumped by each input delivery, so a worker can tell that input arrived during its activation
    inbox_version       bigint      not null default 0,
    -- set by an operator or API to cancel; the worker holding the lease sees it at its next commit
    cancel_requested_at timestamptz,
    cancel_reason       text,
    parent_id           varchar(200),
    parent_seq          bigint,
    result              json,
    error               json,
    created_at          timestamptz not null default current_timestamp,
    updated_at          timestamptz not null default current_timestamp,
    completed_at        timestamptz,
    constraint workflow_executions_pk primary key (id),
    constraint workflow_executions_script_fk foreign key (script_hash) references workflow_scripts (hash),
    constraint workflow_executions_parent_fk foreign key (parent_id) references workflow_executions (id),
    constraint workflow_executions_id_not_blank check (length(id) >= 1),
    constraint workflow_executions_status_known check (status in (
        'RUNNABLE', 'RUNNING', 'WAITING_INPUT', 'WAITING_TIMER', 'WAITING_CHILD',
        'COMPLETED', 'FAILED', 'CANCELLED')),
    constraint workflow_executions_seqs_ordered check (snapshot_seq >= 0 and snapshot_seq <= last_seq),
    constraint workflow_executions_version_not_negative check (version >= 0 and inbox_version >= 0),
    -- a lease is an owner and an expiry together, and a RUNNING execution always has one
    constraint workflow_executions_lease_complete check ((lease_owner is null) = (lease_expires_at is null)),
    constraint workflow_executions_running_is_leased check (status <> 'RUNNING' or lease_owner is not null),
    -- the claim query orders by wake_at, so everything claimable has one
    constraint workflow_executions_claimable_has_wake_at check (
        status not in ('RUNNABLE', 'WAITING_TIMER') or wake_at is not null),
    constraint workflow_executions_parent_complete check ((parent_id is null) = (parent_seq is null)),
    constraint workflow_executions_cancel_complete check (
        (cancel_requested_at is null) = (cancel_reason is null)),
    constraint workflow_executions_completed_iff_final check (
        (status in ('COMPLETED', 'FAILED', 'CANCELLED')) = (completed_at is not null))
);

-- Claimable work: RUNNABLE whose backoff has passed, WAITING_TIMER whose timer is due, oldest first:
--   where status in ('RUNNABLE', 'WAITING_TIMER') and wake_at <= now() order by wake_at
--   for update skip locked
create index workflow_executions_claimable on workflow_executions (wake_at)
    where status in ('RUNNABLE', 'WAITING_TIMER');
-- Leases of dead workers: where status = 'RUNNING' and lease_expires_at < now()
create index workflow_executions_expired_leases on workflow_executions (lease_expires_at)
    where status = 'RUNNING';
-- Listings for operators and the API.
create index workflow_executions_by_status on workflow_executions (status, created_at);
create index workflow_executions_by_created on workflow_executions (created_at);
create index workflow_executions_by_script_name on workflow_executions (script_name, created_at);
-- Also serves the foreign key to workflow_scripts.
create index workflow_executions_by_script_hash on workflow_executions (script_hash);
create index workflow_executions_by_parent on workflow_executions (parent_id, parent_seq)
    where parent_id is not null;

-- The append-only, gap-free event log of every execution. Folding an execution's events from
-- seq 1 gives the state that its live run had.
create table workflow_events (
    execution_id varchar(200) not null,
    seq          bigint      not null,
    type         varchar(100) not null,
    payload      json        not null,
    created_at   timestamptz not null default current_timestamp,
    constraint workflow_events_pk primary key (execution_id, seq),
    -- every event belongs to an execution and goes with it: see the statement triggers below
    constraint workflow_events_seq_positive check (seq >= 1),
    constraint workflow_events_type_not_blank check (length(type) >= 1)
);

-- Input sent to an execution (HEAR reads it). Early input waits here until a HEAR consumes it;
-- consumed_seq names the event that consumed it, in the same transaction.
create table workflow_inbox (
    id           bigint      generated always as identity,
    execution_id varchar(200) not null,
    payload      text        not null,
    -- a sender's key for this input (e.g. a chat message id), so that a retried delivery is stored once
    delivery_id  varchar(200),
    received_at  timestamptz not null default current_timestamp,
    consumed_seq bigint,
    constraint workflow_inbox_pk primary key (id),
    constraint workflow_inbox_execution_fk foreign key (execution_id)
        references workflow_executions (id) on delete cascade,
    constraint workflow_inbox_delivery_once unique (execution_id, delivery_id),
    constraint workflow_inbox_consumed_once unique (execution_id, consumed_seq)
);

-- The next input of an execution: where execution_id = ? and consumed_seq is null order by id
create index workflow_inbox_unconsumed on workflow_inbox (execution_id, id)
    where consumed_seq is null;

-- Messages to the channel (TALK), written in the transaction of the event that produced them, so
-- each reaches the channel once per (execution_id, seq). Consumers read in id order and
-- acknowledge. Note: ids are taken at insert, not at commit, so a reader that only keeps
-- "the highest id seen" can miss a row of a transaction that commits later with a lower id;
-- read unacknowledged rows (or per execution by seq) instead.
create table workflow_outbox (
    id              bigint      generated always as identity,
    execution_id    varchar(200) not null,
    -- the execution that leads the conversation: the root of a tree of child executions (tools,
    -- CALL "x.bas"), whose ids are <parent>~<seq>; a conversation's messages are read in id order
    conversation_id varchar(200) not null,
    seq             bigint      not null,
    -- null: the user of the conversation; otherwise a named recipient
    recipient       text,
    message         text        not null,
    created_at      timestamptz not null default current_timestamp,
    acknowledged_at timestamptz,
    constraint workflow_outbox_pk primary key (id),
    constraint workflow_outbox_execution_fk foreign key (execution_id)
        references workflow_executions (id) on delete cascade,
    constraint workflow_outbox_once_per_event unique (execution_id, seq)
);

create index workflow_outbox_unacknowledged_by_execution on workflow_outbox (execution_id, id)
    where acknowledged_at is null;
create index workflow_outbox_unacknowledged on workflow_outbox (id)
    where acknowledged_at is null;
-- A conversation's messages after a position: where conversation_id = ? and id > ? order by id
create index workflow_outbox_by_conversation on workflow_outbox (conversation_id, id);

-- [jooq ignore start]
-- Room on each page for the new version of a row, so that a commit that only appends events (it
-- changes version, last_seq and updated_at, none of them indexed) is a HOT update.
alter table workflow_executions set (fillfactor = 80);

-- The hash is the source's: an execution that pins a hash runs exactly the source it started with.
alter table workflow_scripts add constraint workflow_scripts_hash_matches_source
    check (hash = encode(sha256(convert_to(source, 'UTF8')), 'hex'));

-- History is append-only: an event is never changed, and deleted only by an explicit purge that
-- sets "basicflow.purge_events" to "on" in its own transaction (set local), for retention.
create function workflow_events_append_only() returns trigger
    language plpgsql as $$
begin
    if tg_op = 'UPDATE' then
        raise exception 'workflow_events is append-only: events of execution % cannot be updated', old.execution_id
            using errcode = 'P0001', hint = 'Append a new event instead.';
    end if;
    if coalesce(current_setting('basicflow.purge_events', true), '') <> 'on' then
        raise exception 'workflow_events is append-only: % refused', tg_op
            using errcode = 'P0001',
                  hint = 'A retention purge runs "set local basicflow.purge_events = on" in its transaction first.';
    end if;
    if tg_op = 'TRUNCATE' then
        return null;
    end if;
    return old;
end;
$$;

create trigger workflow_events_no_update_or_delete
    before update or delete on workflow_events
    for each row execute function workflow_events_append_only();

create trigger workflow_events_no_truncate
    before truncate on workflow_events
    for each statement execute function workflow_events_append_only();

-- Every event belongs to an execution, and an execution's history goes with it (in a retention
-- purge; outside one the trigger above refuses). Checked once per statement instead of with a
-- foreign key: the key's check is a query and a lock per inserted row, and a group commit appends
-- thousands of events in one statement (measured with the dialog benchmark, 5,000 x 30 statements:
-- database CPU per statement 17-20 us with the key, 14-18 us with this check; 38k -> 74k
-- statements/s, medians of 4 runs on a loaded machine). The engine inserts events only in
-- statements that insert or update (and so lock until commit) the execution row itself, so a
-- concurrent purge cannot slip in between; this check guards every other writer.
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

comment on table workflow_scripts is 'Script sources by sha-256, pinned by executions.';
comment on table workflow_executions is 'One row per execution: status, snapshot, lease, timers.';
comment on table workflow_events is 'Append-only, gap-free event log per execution.';
comment on table workflow_inbox is 'Input for executions, consumed by HEAR.';
comment on table workflow_outbox is 'Messages for the channel, produced by TALK.';
-- [jooq ignore stop]
