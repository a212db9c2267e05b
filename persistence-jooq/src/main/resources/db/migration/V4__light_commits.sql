-- Light commits (CommitRepository): while an execution runs, the commits around its effects only
-- append events under a FOR SHARE lock of the leased row and leave the row as it is. The row's
-- last_seq, version and updated_at are then those of the last commit that changed the row; whoever
-- folds the state reads every event after snapshot_seq. Only comments change here.

-- [jooq ignore start]
comment on column workflow_executions.last_seq is
    'seq of the newest event as of the last commit that changed this row: exact unless RUNNING (or RUNNABLE after a freed lease), when light commits may have appended events after it';
comment on column workflow_executions.version is
    'fencing token: bumped by every claim, release and row-changing commit; a light commit is fenced on it and leaves it';
-- [jooq ignore stop]
