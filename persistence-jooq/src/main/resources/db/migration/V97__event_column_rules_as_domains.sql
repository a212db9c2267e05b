-- The two rules of an event's columns (V1: seq >= 1, a type that is not blank) as rules of the
-- columns' types (domains) instead of table check constraints: the same rows are refused, by every
-- session, with the same constraint names. Why: PostgreSQL keeps a table's check constraints as the
-- text of their expression trees and reads them back (stringToNode) and prepares them at every
-- statement that writes the table, while a domain's checks are read once per session and kept in its
-- type cache. Every commit of the engine is a statement that appends events. Counted with valgrind
-- (callgrind) on PostgreSQL 17.7, one single-user backend replaying the engine's light commit (lock
-- the leased row for share, append two events; V96 applied): 297,000 instructions per statement with
-- the table's check constraints, 258,600 with the domains. docs/performance.md, "The orphan check's
-- WHEN, and the events' column rules".
--
-- No table rewrite and no index rebuild: the columns first take domains without rules (binary
-- compatible with the old types, so PostgreSQL only changes the catalogue and keeps the primary key
-- index), then the domains get the rules NOT VALID: rows stored before were checked by the table's
-- constraints (events are append-only, V1), every row stored from now on is checked by the domains.

-- [jooq ignore start]
create domain workflow_event_seq as bigint;
create domain workflow_event_type as varchar(100);

alter table workflow_events
    alter column seq type workflow_event_seq,
    alter column type type workflow_event_type;

alter table workflow_events
    drop constraint workflow_events_seq_positive,
    drop constraint workflow_events_type_not_blank;

alter domain workflow_event_seq
    add constraint workflow_events_seq_positive check (value >= 1) not valid;
alter domain workflow_event_type
    add constraint workflow_events_type_not_blank check (length(value) >= 1) not valid;
-- [jooq ignore stop]
