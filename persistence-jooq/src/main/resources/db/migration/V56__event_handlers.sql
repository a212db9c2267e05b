-- The deployed event handlers: one row per ON "event" … END ON block (or ON "event" CALL Sub line) of a
-- script of the served folder (docs/orchestration.md, "Event handlers"). A deployment replaces the set,
-- like workflow_schedules. A publication of an event (PUBLISH EVENT, POST /events/{name}) inserts, in its
-- own transaction, one one-shot start per matching handler into workflow_registered_schedules, due at
-- once, with the event's data as params and an id made of the publication's key and the handler: the
-- scheduler starts each once.
create table workflow_event_handlers (
    script      varchar(512) not null,
    line        bigint       not null,
    event       varchar(200) not null,
    bot         varchar(200) not null,
    source      text         not null,
    deployed_at timestamptz  not null default current_timestamp,
    constraint workflow_event_handlers_pk primary key (script, line)
);

-- The handlers a publication starts: where event = ? [and bot = ?]
create index workflow_event_handlers_event on workflow_event_handlers (event, bot);
