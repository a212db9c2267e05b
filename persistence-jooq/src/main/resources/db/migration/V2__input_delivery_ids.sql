-- Delivery ids of inputs, per conversation (an execution and its children, whose ids are
-- 'root~seq~seq'): a sender that retries after a lost answer gives the same id, and the repeat is
-- not stored. Kept per conversation, not per inbox row, because the conversation's input may go to
-- another of its executions when the retry comes (a child that ended, its parent now asking).
create table workflow_input_deliveries (
    conversation_id varchar(200) not null,
    delivery_id     varchar(200) not null,
    -- the execution the input was stored for
    execution_id    varchar(200) not null,
    received_at     timestamptz  not null default current_timestamp,
    constraint workflow_input_deliveries_pk primary key (conversation_id, delivery_id),
    constraint workflow_input_deliveries_execution_fk foreign key (execution_id)
        references workflow_executions (id) on delete cascade,
    constraint workflow_input_deliveries_id_not_empty check (delivery_id <> '')
);

-- for the cascade when executions are deleted
create index workflow_input_deliveries_execution_idx on workflow_input_deliveries (execution_id);
