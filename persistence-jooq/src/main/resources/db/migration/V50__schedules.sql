-- The deployed schedules of SET SCHEDULE (docs/schedules.md): one row per script and schedule as
-- written. A deployment replaces the set; a schedule deployed again keeps next_fire_at and its
-- history. Every node's scheduler locks the due rows (for update skip locked), starts each due tick
-- as an execution whose id holds the tick's time, then moves next_fire_at on, in one transaction.
create table workflow_schedules (
    script            varchar(512) not null,
    expression        varchar(200) not null,
    cron              varchar(200) not null,
    line              bigint       not null,
    source            text         not null,
    next_fire_at      timestamptz  not null,
    last_fired_at     timestamptz,
    last_execution_id varchar(200),
    last_error        text,
    deployed_at       timestamptz  not null default current_timestamp,
    constraint workflow_schedules_pk primary key (script, expression)
);

-- The due schedules: where next_fire_at <= now
create index workflow_schedules_due on workflow_schedules (next_fire_at);
