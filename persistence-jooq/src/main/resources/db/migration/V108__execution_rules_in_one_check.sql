-- The ten check constraints of workflow_executions (V1) as one check that calls an immutable plpgsql
-- function of the row's columns: the same rows are refused, by every session, with SQLSTATE 23514
-- and the broken rule's own name as the error's constraint (and in its message, as PostgreSQL writes
-- it). Why: PostgreSQL keeps a table's check constraints as the text of their expression trees and
-- reads them back (stringToNode) and const-folds them at every statement that writes the table;
-- V1's ten, with their "in (...)" lists written byte by byte, were 77 % of a one-row update of an
-- execution (541,500 instructions per statement, 126,300 without them; callgrind on PostgreSQL
-- 17.7). Every claim, delivery, group commit, start and heartbeat writes this table. One call of
-- column references is cheap to read back, and plpgsql keeps the function's plan for the session.
-- docs/performance.md, "The executions' rules in one check".
--
-- When a row breaks several rules, the one reported is the first by name, as PostgreSQL did (it
-- evaluates a table's checks in the order of their names). A rule that evaluates to null passes, as
-- a check does (none of the ten can be null once the columns' NOT NULLs have passed).
--
-- No table rewrite: the new check is added NOT VALID (the rows stored before were checked by the
-- ten constraints it replaces, in the same transaction), and the old ones are then dropped.

-- [jooq ignore start]
create function workflow_executions_rules_hold(
    e_id varchar, e_status varchar, e_snapshot_seq bigint, e_last_seq bigint, e_version bigint,
    e_inbox_version bigint, e_lease_owner varchar, e_lease_expires_at timestamptz, e_wake_at timestamptz,
    e_parent_id varchar, e_parent_seq bigint, e_cancel_requested_at timestamptz, e_cancel_reason text,
    e_completed_at timestamptz) returns boolean
    language plpgsql immutable parallel safe as $$
declare
    broken text;
begin
    -- the fast path: one expression, true (or null) when no rule is false
    if ((e_cancel_requested_at is null) = (e_cancel_reason is null)
            and (e_status not in ('RUNNABLE', 'WAITING_TIMER') or e_wake_at is not null)
            and ((e_status in ('COMPLETED', 'FAILED', 'CANCELLED')) = (e_completed_at is not null))
            and length(e_id) >= 1
            and ((e_lease_owner is null) = (e_lease_expires_at is null))
            and ((e_parent_id is null) = (e_parent_seq is null))
            and (e_status <> 'RUNNING' or e_lease_owner is not null)
            and (e_snapshot_seq >= 0 and e_snapshot_seq <= e_last_seq)
            and e_status in ('RUNNABLE', 'RUNNING', 'WAITING_INPUT', 'WAITING_TIMER', 'WAITING_CHILD',
                             'COMPLETED', 'FAILED', 'CANCELLED')
            and (e_version >= 0 and e_inbox_version >= 0)) is not false then
        return true;
    end if;
    -- the first broken rule by name, V1's constraint names
    broken := case
        when ((e_cancel_requested_at is null) = (e_cancel_reason is null)) is false
            then 'workflow_executions_cancel_complete'
        when (e_status not in ('RUNNABLE', 'WAITING_TIMER') or e_wake_at is not null) is false
            then 'workflow_executions_claimable_has_wake_at'
        when ((e_status in ('COMPLETED', 'FAILED', 'CANCELLED')) = (e_completed_at is not null)) is false
            then 'workflow_executions_completed_iff_final'
        when (length(e_id) >= 1) is false
            then 'workflow_executions_id_not_blank'
        when ((e_lease_owner is null) = (e_lease_expires_at is null)) is false
            then 'workflow_executions_lease_complete'
        when ((e_parent_id is null) = (e_parent_seq is null)) is false
            then 'workflow_executions_parent_complete'
        when (e_status <> 'RUNNING' or e_lease_owner is not null) is false
            then 'workflow_executions_running_is_leased'
        when (e_snapshot_seq >= 0 and e_snapshot_seq <= e_last_seq) is false
            then 'workflow_executions_seqs_ordered'
        when (e_status in ('RUNNABLE', 'RUNNING', 'WAITING_INPUT', 'WAITING_TIMER', 'WAITING_CHILD',
                           'COMPLETED', 'FAILED', 'CANCELLED')) is false
            then 'workflow_executions_status_known'
        else 'workflow_executions_version_not_negative' end;
    raise exception 'new row for relation "workflow_executions" violates check constraint "%"', broken
        using errcode = 'check_violation', constraint = broken, table = 'workflow_executions',
              detail = format('Failing row: id %s, status %s.', e_id, e_status);
end;
$$;

comment on function workflow_executions_rules_hold(varchar, varchar, bigint, bigint, bigint, bigint, varchar,
    timestamptz, timestamptz, varchar, bigint, timestamptz, text, timestamptz) is
    'The rules of an execution row (V1''s ten check constraints, V108): true, or raises 23514 naming the broken rule.';

alter table workflow_executions
    add constraint workflow_executions_rules check (workflow_executions_rules_hold(
        id, status, snapshot_seq, last_seq, version, inbox_version, lease_owner, lease_expires_at, wake_at,
        parent_id, parent_seq, cancel_requested_at, cancel_reason, completed_at)) not valid;

alter table workflow_executions
    drop constraint workflow_executions_id_not_blank,
    drop constraint workflow_executions_status_known,
    drop constraint workflow_executions_seqs_ordered,
    drop constraint workflow_executions_version_not_negative,
    drop constraint workflow_executions_lease_complete,
    drop constraint workflow_executions_running_is_leased,
    drop constraint workflow_executions_claimable_has_wake_at,
    drop constraint workflow_executions_parent_complete,
    drop constraint workflow_executions_cancel_complete,
    drop constraint workflow_executions_completed_iff_final;
-- [jooq ignore stop]
