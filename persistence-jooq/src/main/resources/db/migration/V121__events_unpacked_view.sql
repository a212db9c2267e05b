-- workflow_events_unpacked: the events of workflow_events, one row per event, whichever way it is stored.
-- The engine writes a commit of two or more events as ONE row of type EventsPacked (its payload's
-- "events" array; docs/performance.md, "effects and dialog: what bounds them"), and older histories hold
-- runs of plain steps as one StepsCompleted row (its "steps" array). A query that reads events by type
-- (QUERY METRICS, the console, a report) reads this view, never workflow_events, so it sees the events
-- inside those rows; what the Java side does with ExecutionEvent.unpacked, this does in SQL.
--
--   execution_id  the execution
--   seq           the event's own sequence number (inside a pack: its "sequence")
--   type          the event's own type (EffectCompleted, MessageSent, …), never EventsPacked/StepsCompleted
--   payload       the event's JSON (jsonb): the row's payload, or the pack's element
--   created_at    when the row holding it was written
--   row_seq       the seq of the row holding it (workflow_events' key with execution_id)
--
-- A plain view: nothing is stored twice, and a filter on execution_id or created_at reaches the table's
-- indexes. jOOQ's DDL parser cannot read the lateral JSON function, and no Java code reads the view
-- through generated classes, so it is hidden from the code generator.

-- [jooq ignore start]
create view workflow_events_unpacked as
select r.execution_id,
       coalesce((p.event ->> 'sequence')::bigint, r.seq) as seq,
       coalesce(p.event ->> 'type', r.type) as type,
       coalesce(p.event, r.payload::jsonb) as payload,
       r.created_at,
       r.seq::bigint as row_seq
  from workflow_events r
  left join lateral jsonb_array_elements(
           case r.type
               when 'EventsPacked' then r.payload::jsonb -> 'events'
               when 'StepsCompleted' then r.payload::jsonb -> 'steps'
           end) as p (event) on true;

comment on view workflow_events_unpacked is
    'One row per event: the events inside EventsPacked and StepsCompleted rows unpacked. Read events by type here.';
-- [jooq ignore stop]
