-- The listing indexes of workflow_executions leave the executions that are in flight.
--
-- A resumed HEAR waiter updates its execution's row three times: the input's delivery (WAITING_INPUT
-- -> RUNNABLE), the claim (-> RUNNING, leased) and its commit (-> COMPLETED, or WAITING_INPUT again
-- in a chat). Each changes status, which the claim's and the lease's partial indexes name in their
-- predicates, so none of the three can be a HOT update: each writes a new version of the row and an
-- entry in every index whose predicate the new version matches. Before this migration that was the
-- primary key and the four full listing indexes at every one of the three updates, plus the claimable
-- index at the delivery and the lease index at the claim: 17 index entries per resume, 12 of them in
-- indexes only the listing API reads (measured cost: docs/performance.md, "wait and events").
--
-- Now the listing indexes hold only executions that are not RUNNABLE or RUNNING: the delivery and the
-- claim write no listing entry (2 index entries each: the primary key and the claim's or the lease's
-- partial index), the commit that parks or ends an execution writes 4. The listing query reads the
-- settled part from these indexes in order, and the in-flight part (RUNNABLE, RUNNING) from the
-- claimable and the lease indexes (io.basicflow.persistence.ExecutionRepository.list);
-- WorkerQueryIndexTest checks each plan. A start that leases its execution (RUNNING at once) or makes
-- it RUNNABLE writes no listing entry either.
--
-- The index on script_hash is dropped: it served only the foreign key to workflow_scripts, that is a
-- delete of a script row, which basicflow never does (scripts are kept by content for every execution
-- that pins them). An operator who deletes a script row by hand has that delete check the executions
-- with a scan.

drop index workflow_executions_by_status;
drop index workflow_executions_by_created;
drop index workflow_executions_by_script_name;
drop index workflow_executions_by_script_hash;

-- Listings for operators and the API, newest first, for the settled executions.
create index workflow_executions_by_status on workflow_executions (status, created_at, id)
    where status not in ('RUNNABLE', 'RUNNING');
create index workflow_executions_by_created on workflow_executions (created_at, id)
    where status not in ('RUNNABLE', 'RUNNING');
create index workflow_executions_by_script_name on workflow_executions (script_name, created_at, id)
    where status not in ('RUNNABLE', 'RUNNING');
