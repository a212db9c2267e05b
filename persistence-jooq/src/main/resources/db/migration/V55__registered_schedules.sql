-- Starts of scripts registered at run time by SET SCHEDULE when, "script.bas" (docs/schedules.md,
-- "Starting another script"). A deployment never touches these rows (unlike workflow_schedules): they
-- end when an operator removes them (basicflow schedules --remove, DELETE /schedules/registered/{id})
-- or, for a one-shot start (cron is null), once it has started. id is the registration's: for a
-- one-shot start the registering step's key made an execution id (the id of the execution it
-- starts), for a recurring one a hash of script, schedule and arguments, so a step repeated after a
-- crash, or the same start registered again, adds no row. The scheduler fires them like the
-- deployed schedules: locks the due rows (for update skip locked), starts each due start by its
-- deterministic execution id, and moves next_fire_at on (or deletes a one-shot row), in one
-- transaction.
create table workflow_registered_schedules (
    id                varchar(300) not null,
    script            varchar(512) not null,
    source            text         not null,
    variables         json         not null,
    expression        varchar(200),
    cron              varchar(200),
    next_fire_at      timestamptz  not null,
    last_fired_at     timestamptz,
    last_execution_id varchar(200),
    last_error        text,
    registered_by     varchar(200) not null,
    registered_at     timestamptz  not null default current_timestamp,
    constraint workflow_registered_schedules_pk primary key (id),
    constraint workflow_registered_schedules_cron_with_expression check ((cron is null) = (expression is null))
);

-- The due starts: where next_fire_at <= now
create index workflow_registered_schedules_due on workflow_registered_schedules (next_fire_at);
