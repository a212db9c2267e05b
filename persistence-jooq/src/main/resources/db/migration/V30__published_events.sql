-- Events of WAIT FOR EVENT and PUBLISH EVENT (docs/orchestration.md). An event is published to one
-- conversation (the root execution of a tree of children: an orchestration and its bots) or, with a
-- null conversation_id, to every conversation. publish_key makes a publication idempotent (a step's
-- executionId/seq, or an API caller's key); the rows are the history of what was published.
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

-- Who waits for which event: one watch per execution (its current WAIT FOR EVENT), written when the
-- wait begins. A publication hands its value to every watch of its name and scope that exists when it
-- runs and has received nothing yet (received_event_id is null): the first event after the watch
-- began, exactly once. awaited_seq is the execution's event that records the wait, so a publication
-- wakes an execution only while it still waits there (its last_seq). A finished wait leaves its row
-- until the next watch or the execution's deletion.
create table workflow_event_watches (
    execution_id      varchar(200) not null,
    conversation_id   varchar(200) not null,
    name              varchar(200) not null,
    awaited_seq       bigint      not null,
    received_event_id bigint,
    received          json,
    constraint workflow_event_watches_pk primary key (execution_id),
    constraint workflow_event_watches_execution_fk foreign key (execution_id)
        references workflow_executions (id) on delete cascade
);

-- The watches a publication serves: where name = ? and received_event_id is null [and conversation_id = ?]
create index workflow_event_watches_waiting on workflow_event_watches (name, conversation_id)
    where received_event_id is null;
