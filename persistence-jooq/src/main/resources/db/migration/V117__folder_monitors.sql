-- Folder monitors: one row per ON CHANGE "path" [EVENTS "…"] … END ON of a script of the served folder
-- (docs/triggers.md). The path is a folder inside the bot's storage folder. A deployment replaces the set,
-- keeping the scan state of a monitor it keeps (the id is made of the script, the path and the events).
-- workflow_folder_files is the state of the last scan: each file under the folder with its size,
-- modification time and content hash. The poller of any serve node scans the folder, then, with the
-- monitor's row locked, diffs the scan against that state, adds one one-shot start per change to
-- workflow_registered_schedules (id made of the monitor, the event, the path and the file's state) and
-- writes the new state, in one transaction. scanned_at is null until the first scan, which only records the
-- state (files already there start nothing).
create table workflow_folder_monitors (
    id          varchar(36)   not null,
    script      varchar(512)  not null,
    line        bigint        not null,
    folder      varchar(1000) not null,
    events      varchar(40)   not null,
    source      text          not null,
    scanned_at  timestamptz,
    last_error  text,
    deployed_at timestamptz   not null default current_timestamp,
    constraint workflow_folder_monitors_pk primary key (id)
);

create table workflow_folder_files (
    monitor_id   varchar(36)   not null,
    path         varchar(2000) not null,
    size         bigint        not null,
    modified_at  timestamptz   not null,
    content_hash varchar(64)   not null,
    constraint workflow_folder_files_pk primary key (monitor_id, path)
);
