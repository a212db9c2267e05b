-- E-mail monitors: one row per ON EMAIL "address" [FROM "x"] [SUBJECT "y"] … END ON of a script of the served
-- folder (docs/triggers.md). A deployment replaces the set, keeping the mailbox position of a monitor it keeps:
-- the id is made of the script, the address and the filters (not the line), so moving the block keeps it.
-- The poller of any serve node reads the mailbox over IMAP; for each message with a UID above last_uid it
-- locks the row, adds one one-shot start to workflow_registered_schedules (id made of the monitor, the
-- mailbox's UIDVALIDITY and the message's UID, so adding it twice adds one) and moves last_uid to that UID,
-- in one transaction: two nodes, or a crash between two polls, never start a message twice or skip one.
-- uid_validity is null until the first poll, which takes the mailbox's position (messages already there
-- start nothing).
create table workflow_mail_monitors (
    id             varchar(36)  not null,
    script         varchar(512) not null,
    line           bigint       not null,
    address        varchar(320) not null,
    filter_from    varchar(320),
    filter_subject varchar(998),
    source         text         not null,
    uid_validity   bigint,
    last_uid       bigint       not null default 0,
    last_polled_at timestamptz,
    last_error     text,
    deployed_at    timestamptz  not null default current_timestamp,
    constraint workflow_mail_monitors_pk primary key (id)
);
