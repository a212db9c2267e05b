-- The calendar of BOOK, BOOK_MEETING and CHECK_AVAILABILITY (keywords-meet, docs/meetings.md): one
-- row per booked event of a bot. A booking checks, under a transaction lock per bot, that no
-- confirmed event of the bot overlaps it, and is written in its step's transaction: exactly once.
create table calendar_events (
    id               bigint generated always as identity,
    bot              varchar(200)  not null,
    title            varchar(500)  not null,
    description      text          not null default '',
    start_at         timestamptz   not null,
    end_at           timestamptz   not null,
    location         varchar(500)  not null default '',
    organizer        varchar(200)  not null,
    attendees        jsonb         not null default '[]'::jsonb,
    reminder_minutes integer,
    recurrence       jsonb,
    status           varchar(20)   not null default 'Confirmed',
    created_by       varchar(200)  not null,
    created_at       timestamptz   not null default current_timestamp,
    constraint calendar_events_pk primary key (id),
    constraint calendar_events_span check (end_at > start_at)
);

-- The overlap check and the free slots of a day: where bot = ? and start_at < ? and end_at > ?
create index calendar_events_bot_start on calendar_events (bot, start_at);
