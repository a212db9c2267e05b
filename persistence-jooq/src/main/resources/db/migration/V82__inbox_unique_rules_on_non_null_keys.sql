-- The inbox's two unique rules hold entries only for the rows they can refuse.
--
-- A unique constraint never refuses a row whose key has a null (nulls are distinct), yet a plain
-- unique index still takes an entry for it. An input without a delivery id (delivery_id null) and an
-- input not consumed yet (consumed_seq null) are such rows: each input took four index entries when
-- stored (primary key, delivery_once, consumed_once, unconsumed) and three more when a HEAR consumed it
-- (the update sets consumed_seq, which two of its indexes use, so it is never HOT). The same rules as
-- partial unique indexes over the non-null keys refuse exactly the same rows; an input without a
-- delivery id now takes two entries when stored (primary key, unconsumed) and two when consumed
-- (primary key, consumed_once). docs/performance.md, "Index entries per resume".
--
-- "insert … on conflict do nothing" without a conflict target (workflow_input_deliveries, and the
-- schema's own tests of the inbox) is answered by any unique index, partial ones included.

alter table workflow_inbox drop constraint workflow_inbox_delivery_once;
alter table workflow_inbox drop constraint workflow_inbox_consumed_once;

create unique index workflow_inbox_delivery_once on workflow_inbox (execution_id, delivery_id)
    where delivery_id is not null;
create unique index workflow_inbox_consumed_once on workflow_inbox (execution_id, consumed_seq)
    where consumed_seq is not null;
