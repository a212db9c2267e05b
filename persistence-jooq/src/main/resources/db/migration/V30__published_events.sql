-- Events of WAIT FOR EVENT and PUBLISH EVENT (docs/orchestration.md). An event is published to one
-- conversation (the root execution of a tree of children: an orchestration and its bots) or, with a
-- null conversation_id, to every conversation. Nobody consumes it: each waiting execution receives the
-- first event of its name published after its watch began. publish_key makes a publication
-- idempotent (a step's executionId/seq, or a caller's key).
create table workflow_published_events (
    id              bigint      generated always as identity,
    conversation_id varchar(200),
    name            varchar(200) not null,
    payload         json        not null,
    publish_key     varchar(300) not null,
    published_at    timestamptz not null default current_timestamp,
    constraint workflow_published_events_pk primary key (id),
    constraint workflow_published_events_key_once unique (publish_key),
    constraint workflow_published_events_name_not_blank check (length(name) >= 1)
);

-- The first event after a watch: where name = ? and id > ? and (conversation_id = ? or conversation_id is null)
create index workflow_published_events_by_name on workflow_published_events (name, id);

-- Who watches for which event: one watch per execution (its current WAIT FOR EVENT). after_id is the
-- newest event id when the watch began; awaited_seq is the execution's event that records the wait, so
-- a publication wakes an execution only while it still waits there (its last_seq). A finished wait
-- leaves its row until the next watch or the execution's deletion.
create table workflow_event_watches (
    execution_id    varchar(200) not null,
    conversation_id varchar(200) not null,
    name            varchar(200) not null,
    after_id        bigint      not null,
    awaited_seq     bigint      not null,
    constraint workflow_event_watches_pk primary key (execution_id),
    constraint workflow_event_watches_execution_fk foreign key (execution_id)
        references workflow_executions (id) on delete cascade
);

create index workflow_event_watches_by_name on workflow_event_watches (name, conversation_id);
