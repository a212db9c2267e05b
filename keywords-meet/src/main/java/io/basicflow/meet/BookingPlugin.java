package io.basicflow.meet;

import io.basicflow.spi.EffectKind;
import io.basicflow.spi.ExecutionScope;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.RetryPolicy;
import io.basicflow.spi.TransactionalKeywordHandler;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.Json;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The calendar of keyword-book.md: {@code result = BOOK title, description, start_time[,
 * duration_minutes[, location]]}, {@code result = BOOK_MEETING details, attendees} and {@code slots =
 * CHECK_AVAILABILITY date[, duration_minutes]}. The events are rows of the engine's database ({@code
 * calendar_events}, migration V107), one calendar per bot. A booking that overlaps a confirmed event
 * of the bot fails, naming it; the check and the write hold a transaction lock per bot and commit with
 * the step, so a booking is written exactly once and two executions never book one slot twice. No
 * outside calendar (Google, Outlook, CalDAV) is called and no invitation is sent (docs/meetings.md).
 */
public final class BookingPlugin implements KeywordPlugin {

    static final String BOOK = "BOOK";
    static final String BOOK_MEETING = "BOOK_MEETING";
    static final String CHECK_AVAILABILITY = "CHECK_AVAILABILITY";

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final int STEP_MINUTES = 30;
    private static final RetryPolicy RETRY = new RetryPolicy(5, Duration.ofMillis(200), 2.0, Duration.ofSeconds(5));
    private static final String TIMES = "2024-03-15 14:00, 2024-03-15 2:00 PM, 2024-03-15T14:00:00, tomorrow 14:00,"
            + " Monday 10:00 or next Tuesday 09:00";

    private static final List<KeywordDefinition> KEYWORDS = List.of(
            KeywordDefinition.builder(BOOK)
                    .form(KeywordForm.FUNCTION)
                    .parameter(ParameterDefinition.required("title", "what the appointment is"))
                    .parameter(ParameterDefinition.required("description", "its details"))
                    .parameter(ParameterDefinition.required("start_time", "when it starts: " + TIMES))
                    .parameter(ParameterDefinition.optional("duration_minutes", "how long, in minutes (30)"))
                    .parameter(ParameterDefinition.optional("location", "where"))
                    .effect(EffectKind.IDEMPOTENT_EFFECT)
                    .retry(RETRY)
                    .description("Books an appointment in the bot's calendar, exactly once, if the time is free;"
                            + " the value is the event.")
                    .build(),
            KeywordDefinition.builder(BOOK_MEETING)
                    .form(KeywordForm.FUNCTION)
                    .parameter(ParameterDefinition.required(
                            "meeting_details",
                            "a map or JSON text: title, description, start_time, duration, location,"
                                    + " reminder_minutes, recurrence"))
                    .parameter(ParameterDefinition.optional("attendees", "e-mail addresses: a list or text"))
                    .effect(EffectKind.IDEMPOTENT_EFFECT)
                    .retry(RETRY)
                    .description("Books a meeting with attendees in the bot's calendar, exactly once, if the time is"
                            + " free; the value is the event.")
                    .build(),
            KeywordDefinition.builder(CHECK_AVAILABILITY)
                    .form(KeywordForm.FUNCTION)
                    .parameter(ParameterDefinition.required(
                            "date", "the day: today, tomorrow, Monday, next Friday or 2024-03-15"))
                    .parameter(ParameterDefinition.optional("duration_minutes", "how long the meeting is (30)"))
                    .effect(EffectKind.IDEMPOTENT_EFFECT)
                    .retry(RETRY)
                    .description("The free start times of a day in the bot's calendar, within working hours, as"
                            + " texts that BOOK accepts.")
                    .build());

    /** Creates the plugin; {@link java.util.ServiceLoader} calls this. */
    public BookingPlugin() {}

    @Override
    public String name() {
        return "calendar";
    }

    @Override
    public List<KeywordDefinition> keywords() {
        return KEYWORDS;
    }

    @Override
    public Optional<TransactionalKeywordHandler> transactionalHandler(String keyword) {
        return switch (keyword) {
            case BOOK -> Optional.of(BookingPlugin::book);
            case BOOK_MEETING -> Optional.of(BookingPlugin::bookMeeting);
            case CHECK_AVAILABILITY -> Optional.of(BookingPlugin::availability);
            default -> Optional.empty();
        };
    }

    /** Only reached by an engine without a database: the calendar is rows of the engine's database. */
    @Override
    public Optional<KeywordHandler> handler(String keyword) {
        if (KEYWORDS.stream().noneMatch(k -> k.name().equals(keyword))) {
            return Optional.empty();
        }
        return Optional.of(invocation -> {
            throw KeywordException.permanent(keyword + " keeps the bot's calendar in the engine's PostgreSQL database"
                    + " and runs inside its transactions; this engine has no database for data");
        });
    }

    /** What a booking writes. */
    private record Booking(
            String title,
            String description,
            LocalDateTime start,
            int minutes,
            String location,
            List<String> attendees,
            Integer reminder,
            String recurrence) {}

    private static Value book(Invocation invocation, ExecutionScope scope, Connection connection)
            throws KeywordException, SQLException {
        Booking booking = new Booking(
                text(invocation.argument("title")),
                text(invocation.argument("description")),
                start(invocation, text(invocation.argument("start_time"))),
                minutes(invocation.argument("duration_minutes")),
                text(invocation.argument("location")),
                List.of(),
                null,
                null);
        return write(invocation, scope, connection, booking);
    }

    private static Value bookMeeting(Invocation invocation, ExecutionScope scope, Connection connection)
            throws KeywordException, SQLException {
        Value details = invocation.argument("meeting_details");
        String json = switch (details) {
            case MapValue map -> Json.write(map);
            case TextValue text -> text.value();
            default ->
                throw KeywordException.permanent(
                        "the meeting details must be a map or JSON text, but are " + details.display());
        };
        // PostgreSQL reads the JSON: the SPI has no parser, and the step's transaction is at hand
        try (PreparedStatement read = connection.prepareStatement("select j->>'title', j->>'description',"
                + " j->>'start_time', j->>'duration', j->>'location', j->>'reminder_minutes', (j->'recurrence')::text"
                + " from (select ?::jsonb as j) details")) {
            read.setString(1, json);
            ResultSet row;
            try {
                row = read.executeQuery();
            } catch (SQLException e) {
                if ("22P02".equals(e.getSQLState())) {
                    throw KeywordException.permanent("the meeting details are not valid JSON: " + json.strip());
                }
                throw e;
            }
            try (row) {
                row.next();
                String title = row.getString(1);
                if (title == null || title.isBlank()) {
                    throw KeywordException.permanent("the meeting details need a \"title\"");
                }
                String start = row.getString(3);
                if (start == null) {
                    throw KeywordException.permanent("the meeting details need a \"start_time\" (" + TIMES + ")");
                }
                String duration = row.getString(4);
                String reminder = row.getString(6);
                Booking booking = new Booking(
                        title,
                        row.getString(2) == null ? "" : row.getString(2),
                        start(invocation, start),
                        duration == null ? 30 : minutes(number(duration, "duration")),
                        row.getString(5) == null ? "" : row.getString(5),
                        addresses(invocation.argument("attendees")),
                        reminder == null
                                ? null
                                : (int) number(reminder, "reminder_minutes").value(),
                        row.getString(7));
                return write(invocation, scope, connection, booking);
            }
        }
    }

    private static Value availability(Invocation invocation, ExecutionScope scope, Connection connection)
            throws KeywordException, SQLException {
        ZoneId zone = zone(invocation);
        Instant now = invocation.context().clock().instant();
        LocalDate today = LocalDate.ofInstant(now, zone);
        String written = text(invocation.argument("date"));
        LocalDate day = CalendarTimes.date(written, today)
                .or(() -> CalendarTimes.dateTime(written, today).map(LocalDateTime::toLocalDate))
                .orElseThrow(() -> KeywordException.permanent("cannot read the day '" + written
                        + "': write today, tomorrow, Monday, next Friday or 2024-03-15"));
        int minutes = minutes(invocation.argument("duration_minutes"));
        LocalTime open = hour(invocation, "work-start", "09:00");
        LocalTime close = hour(invocation, "work-end", "17:00");
        List<Instant[]> busy = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("select start_at, end_at from calendar_events"
                + " where bot = ? and status = 'Confirmed' and start_at < ? and end_at > ? order by start_at")) {
            select.setString(1, scope.bot());
            select.setTimestamp(
                    2, Timestamp.from(day.plusDays(1).atStartOfDay(zone).toInstant()));
            select.setTimestamp(3, Timestamp.from(day.atStartOfDay(zone).toInstant()));
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    busy.add(new Instant[] {
                        row.getTimestamp(1).toInstant(), row.getTimestamp(2).toInstant()
                    });
                }
            }
        }
        List<Value> slots = new ArrayList<>();
        for (LocalDateTime start = day.atTime(open);
                !start.plusMinutes(minutes).isAfter(day.atTime(close));
                start = start.plusMinutes(STEP_MINUTES)) {
            Instant from = start.atZone(zone).toInstant();
            Instant to = from.plus(Duration.ofMinutes(minutes));
            boolean free = from.isAfter(now) && busy.stream().noneMatch(b -> b[0].isBefore(to) && b[1].isAfter(from));
            if (free) {
                slots.add(new TextValue(SHOWN.format(start)));
            }
        }
        return new ListValue(slots);
    }

    private static Value write(Invocation invocation, ExecutionScope scope, Connection connection, Booking booking)
            throws KeywordException, SQLException {
        if (booking.title().isBlank()) {
            throw KeywordException.permanent("an appointment needs a title, the first argument");
        }
        ZoneId zone = zone(invocation);
        Instant start = booking.start().atZone(zone).toInstant();
        Instant end = start.plus(Duration.ofMinutes(booking.minutes()));
        try (PreparedStatement lock =
                connection.prepareStatement("select pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            lock.setString(1, "basicflow.calendar:" + scope.bot());
            lock.execute();
        }
        try (PreparedStatement overlap = connection.prepareStatement("select title, start_at, end_at from"
                + " calendar_events where bot = ? and status = 'Confirmed' and start_at < ? and end_at > ? order by"
                + " start_at limit 1")) {
            overlap.setString(1, scope.bot());
            overlap.setTimestamp(2, Timestamp.from(end));
            overlap.setTimestamp(3, Timestamp.from(start));
            try (ResultSet row = overlap.executeQuery()) {
                if (row.next()) {
                    throw KeywordException.permanent("cannot book \"" + booking.title() + "\" at " + shown(start, zone)
                            + "–" + shown(end, zone).substring(11) + ": it overlaps \"" + row.getString(1) + "\" ("
                            + shown(row.getTimestamp(2).toInstant(), zone) + "–"
                            + shown(row.getTimestamp(3).toInstant(), zone).substring(11)
                            + "); CHECK_AVAILABILITY lists the free times");
                }
            }
        }
        String organizer = scope.user().isBlank() ? scope.bot() : scope.user();
        long id;
        try (PreparedStatement insert = connection.prepareStatement("insert into calendar_events (bot, title,"
                + " description, start_at, end_at, location, organizer, attendees, reminder_minutes, recurrence,"
                + " created_by) values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?) returning id")) {
            insert.setString(1, scope.bot());
            insert.setString(2, booking.title());
            insert.setString(3, booking.description());
            insert.setTimestamp(4, Timestamp.from(start));
            insert.setTimestamp(5, Timestamp.from(end));
            insert.setString(6, booking.location());
            insert.setString(7, organizer);
            insert.setString(
                    8,
                    Json.write(new ListValue(booking.attendees().stream()
                            .map(a -> (Value) new TextValue(a))
                            .toList())));
            if (booking.reminder() == null) {
                insert.setNull(9, java.sql.Types.INTEGER);
            } else {
                insert.setInt(9, booking.reminder());
            }
            insert.setString(10, booking.recurrence());
            insert.setString(11, invocation.executionId());
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                id = row.getLong(1);
            }
        }
        Map<String, Value> event = new LinkedHashMap<>();
        event.put("id", IntegerValue.of(id));
        event.put("title", new TextValue(booking.title()));
        event.put("description", new TextValue(booking.description()));
        event.put("start_time", new TextValue(shown(start, zone)));
        event.put("end_time", new TextValue(shown(end, zone)));
        event.put("location", new TextValue(booking.location()));
        event.put("organizer", new TextValue(organizer));
        event.put(
                "attendees",
                new ListValue(booking.attendees().stream()
                        .map(a -> (Value) new TextValue(a))
                        .toList()));
        event.put("status", new TextValue("Confirmed"));
        return new MapValue(event);
    }

    private static LocalDateTime start(Invocation invocation, String written) throws KeywordException {
        LocalDate today = LocalDate.ofInstant(invocation.context().clock().instant(), zone(invocation));
        return CalendarTimes.dateTime(written, today)
                .orElseThrow(() -> KeywordException.permanent(
                        "cannot read the start time '" + written + "': write it as " + TIMES));
    }

    private static int minutes(Value given) throws KeywordException {
        if (given instanceof NullValue) {
            return 30;
        }
        NumberValue number = given instanceof NumberValue n ? n : number(given.display(), "duration_minutes");
        long minutes = number.toBigDecimal().longValue();
        if (minutes < 1 || minutes > 24 * 60) {
            throw KeywordException.permanent("the duration must be 1 to 1440 minutes, but is " + given.display());
        }
        return (int) minutes;
    }

    private static IntegerValue number(String text, String what) throws KeywordException {
        try {
            return IntegerValue.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            throw KeywordException.permanent(what + " must be a whole number of minutes, but is '" + text + "'");
        }
    }

    private static List<String> addresses(Value given) {
        List<String> out = new ArrayList<>();
        if (given instanceof ListValue list) {
            list.elements().forEach(element -> out.add(element.display().strip()));
        } else if (!(given instanceof NullValue)) {
            for (String part : given.display().split("[,;]")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    private static String text(Value value) {
        return value instanceof NullValue ? "" : value.display().strip();
    }

    private static ZoneId zone(Invocation invocation) {
        return ZoneId.of(invocation.context().configuration().get("zone", "UTC"));
    }

    private static LocalTime hour(Invocation invocation, String key, String fallback) throws KeywordException {
        String written = invocation.context().configuration().get(key, fallback);
        try {
            return LocalTime.parse(written);
        } catch (java.time.format.DateTimeParseException e) {
            throw KeywordException.permanent(
                    "basicflow.calendar." + key + " must be a time such as 09:00, but is '" + written + "'");
        }
    }

    private static String shown(Instant instant, ZoneId zone) {
        return SHOWN.format(LocalDateTime.ofInstant(instant, zone));
    }
}
