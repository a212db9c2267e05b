-- Meeting rooms of START MEET / JOIN MEET (keywords-meet, docs/meetings.md): text rooms owned by the
-- engine. A room has participants (bots, by their execution, and people who joined through the join
-- link) and a transcript of numbered lines. No audio or video: a line is text, typed by a person or
-- posted by a bot with TALK TO MEET. HEAR FROM MEET reads the lines after its participant's cursor.
create table meet_rooms (
    id          varchar(64)  not null,
    name        varchar(500) not null,
    bot         varchar(200) not null,
    host_token  varchar(64)  not null,
    options     jsonb        not null default '{}'::jsonb,
    -- the number of the last line of the transcript; a new line takes lines + 1 under the row's lock
    lines       bigint       not null default 0,
    created_by  varchar(200) not null,
    created_at  timestamptz  not null default current_timestamp,
    constraint meet_rooms_pk primary key (id)
);

create table meet_participants (
    room_id      varchar(64)  not null references meet_rooms (id),
    -- a bot's execution id, or the name a person gave when joining
    participant  varchar(200) not null,
    kind         varchar(10)  not null,
    display_name varchar(500) not null,
    -- the number of the last line this participant has heard (HEAR FROM MEET)
    heard        bigint       not null default 0,
    joined_at    timestamptz  not null default current_timestamp,
    left_at      timestamptz,
    constraint meet_participants_pk primary key (room_id, participant),
    constraint meet_participants_kind check (kind in ('bot', 'person'))
);

create table meet_lines (
    room_id     varchar(64)  not null references meet_rooms (id),
    line        bigint       not null,
    participant varchar(200) not null,
    speaker     varchar(500) not null,
    -- chat, voice (TALK TO MEET … AS VOICE: meant to be spoken; here it is text like the others) or both
    mode        varchar(10)  not null,
    text        text         not null,
    said_at     timestamptz  not null default current_timestamp,
    constraint meet_lines_pk primary key (room_id, line)
);
