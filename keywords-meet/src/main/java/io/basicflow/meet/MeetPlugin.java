package io.basicflow.meet;

import io.basicflow.spi.EffectKind;
import io.basicflow.spi.ExecutionScope;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordLowering;
import io.basicflow.spi.KeywordLowering.Argument;
import io.basicflow.spi.KeywordLowering.Call;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.RetryPolicy;
import io.basicflow.spi.TransactionalKeywordHandler;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.Json;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Meetings as basicflow can honestly hold them: text rooms owned by the engine (rows of its
 * database), a transcript of lines, a join link that {@code basicflow serve} serves. No audio, video,
 * recording or speech transcription (docs/meetings.md).
 *
 * <ul>
 *   <li>{@code room = START MEET "name" [WITH BOT | WITH OPTIONS options]}: a new room; {@code WITH
 *       BOT} (or {@code "bot": true} in the options) makes the running execution a participant.
 *   <li>{@code JOIN MEET room [AS "persona"]}, {@code LEAVE MEET [room]}.
 *   <li>{@code INVITE TO MEET room, participants[, message]}: an e-mail with the join link, sent by
 *       {@code SEND MAIL} (lowered: the mail plugin's exactly-once-per-key sending).
 *   <li>{@code TALK TO MEET "text" [AS CHAT | AS VOICE]}: a line of the transcript.
 *   <li>{@code HEAR FROM MEET INTO x [TIMEOUT s]}: the compiler writes it as {@code MEET NEXT LINE} steps
 *       around a durable {@code WAIT FOR EVENT "meet.line"}, so it waits holding no thread.
 * </ul>
 *
 * Every keyword but the mail runs in the step's own transaction on the engine's database, so a room, a
 * join or a line is written exactly once. The current room of an execution (the last one it started
 * with {@code WITH BOT} or joined) is kept as the execution value {@code room}.
 */
public final class MeetPlugin implements KeywordPlugin {

    /** The event a new line of a room publishes to the conversations of the bots in it. */
    public static final String LINE_EVENT = "meet.line";

    static final String START_MEET = "START MEET";
    static final String JOIN_MEET = "JOIN MEET";
    static final String LEAVE_MEET = "LEAVE MEET";
    static final String INVITE_TO_MEET = "INVITE TO MEET";
    static final String TALK_TO_MEET = "TALK TO MEET";
    /** {@code TALK TO MEET} as the compiler calls it (a plugin may not declare a name that starts with TALK). */
    static final String MEET_TALK = "MEET TALK";

    static final String MEET_NEXT_LINE = "MEET NEXT LINE";
    static final String MEET_INVITATION_SUBJECT = "MEET INVITATION SUBJECT";
    static final String MEET_INVITATION_BODY = "MEET INVITATION BODY";

    private static final String ROOM = "room";
    private static final String DEADLINE = "hear-deadline";

    private static final RetryPolicy RETRY = new RetryPolicy(5, Duration.ofMillis(200), 2.0, Duration.ofSeconds(5));

    private static KeywordDefinition.Builder transactional(String name, KeywordForm form, String description) {
        return KeywordDefinition.builder(name)
                .form(form)
                .effect(EffectKind.IDEMPOTENT_EFFECT)
                .retry(RETRY)
                .description(description);
    }

    private static final List<KeywordDefinition> KEYWORDS = List.of(
            transactional(
                            START_MEET,
                            KeywordForm.FUNCTION,
                            "Creates a text meeting room; the value is the room (id,"
                                    + " url, name, created, host_token).")
                    .parameter(ParameterDefinition.required("name", "the room's display name"))
                    .parameter(
                            ParameterDefinition.flag("BOT", "bot", "the running bot joins the room (written WITH BOT)"))
                    .parameter(ParameterDefinition.introducedBy(
                            "OPTIONS", "options", true, "a map or JSON text of options (written WITH OPTIONS o)"))
                    .build(),
            transactional(
                            JOIN_MEET,
                            KeywordForm.STATEMENT,
                            "The running bot joins a meeting room and hears its" + " lines from now on.")
                    .parameter(ParameterDefinition.required("room", "the room: its id, its join URL or the room value"))
                    .parameter(ParameterDefinition.introducedBy("AS", "persona", true, "the bot's name in the meeting"))
                    .build(),
            transactional(LEAVE_MEET, KeywordForm.STATEMENT, "The running bot leaves a meeting room.")
                    .parameter(ParameterDefinition.optional(
                            "room", "the room; the current one (the last started WITH BOT or joined) when left out"))
                    .build(),
            transactional(
                            MEET_TALK,
                            KeywordForm.STATEMENT,
                            "Says a line in the current meeting room (written TALK TO MEET"
                                    + " \"line\" [AS CHAT | AS VOICE]).")
                    .parameter(ParameterDefinition.required("message", "the line"))
                    .parameter(ParameterDefinition.oneOf(
                            "AS", "mode", true, "CHAT or VOICE (the default is both)", "CHAT", "VOICE"))
                    .build(),
            transactional(
                            MEET_NEXT_LINE,
                            KeywordForm.FUNCTION,
                            "The next line another participant said in the current"
                                    + " room (HEAR FROM MEET is written with it): the text, NULL while there is none and the"
                                    + " timeout has not passed, \"\" once it has.")
                    .parameter(ParameterDefinition.optional("timeout", "seconds to wait in all; none waits for ever"))
                    .build(),
            transactional(MEET_INVITATION_SUBJECT, KeywordForm.FUNCTION, "The subject of a room's invitation.")
                    .parameter(ParameterDefinition.required("room", "the room: its id, its join URL or the room value"))
                    .build(),
            transactional(MEET_INVITATION_BODY, KeywordForm.FUNCTION, "The text of a room's invitation.")
                    .parameter(ParameterDefinition.required("room", "the room: its id, its join URL or the room value"))
                    .parameter(ParameterDefinition.optional("message", "a message put before the link"))
                    .build(),
            KeywordDefinition.builder(INVITE_TO_MEET)
                    .form(KeywordForm.STATEMENT)
                    .parameter(ParameterDefinition.required("room", "the room: its id, its join URL or the room value"))
                    .parameter(ParameterDefinition.required(
                            "participants", "e-mail addresses: a list, or text separated by commas"))
                    .parameter(ParameterDefinition.optional("message", "a message put before the link"))
                    .description("E-mails the room's join link to the participants (with SEND MAIL).")
                    .build());

    /** Creates the plugin; {@link java.util.ServiceLoader} calls this. */
    public MeetPlugin() {}

    @Override
    public String name() {
        return "meet";
    }

    @Override
    public List<KeywordDefinition> keywords() {
        return KEYWORDS;
    }

    @Override
    public Optional<KeywordLowering> lowering(String keyword) {
        if (!INVITE_TO_MEET.equals(keyword)) {
            return Optional.empty();
        }
        return Optional.of(KeywordLowering.of(
                Call.of(MEET_INVITATION_SUBJECT, Argument.written("room", "room")),
                Call.of(MEET_INVITATION_BODY, Argument.written("room", "room"), Argument.written("message", "message")),
                Call.of(
                        "SEND MAIL",
                        Argument.written("to", "participants"),
                        Argument.resultOf("subject", 0),
                        Argument.resultOf("body", 1))));
    }

    @Override
    public Optional<TransactionalKeywordHandler> transactionalHandler(String keyword) {
        return switch (keyword) {
            case START_MEET -> Optional.of(MeetPlugin::start);
            case JOIN_MEET -> Optional.of(MeetPlugin::join);
            case LEAVE_MEET -> Optional.of(MeetPlugin::leave);
            case MEET_TALK -> Optional.of(MeetPlugin::talk);
            case MEET_NEXT_LINE -> Optional.of(MeetPlugin::nextLine);
            case MEET_INVITATION_SUBJECT -> Optional.of(MeetPlugin::invitationSubject);
            case MEET_INVITATION_BODY -> Optional.of(MeetPlugin::invitationBody);
            default -> Optional.empty();
        };
    }

    /** Only reached by an engine without a database: the rooms are rows of the engine's database. */
    @Override
    public Optional<KeywordHandler> handler(String keyword) {
        if (INVITE_TO_MEET.equals(keyword)
                || KEYWORDS.stream().noneMatch(k -> k.name().equals(keyword))) {
            return Optional.empty();
        }
        return Optional.of(invocation -> {
            throw KeywordException.permanent(keyword + " keeps meeting rooms in the engine's PostgreSQL database and"
                    + " runs inside its transactions; this engine has no database for data (run it with basicflow, or"
                    + " give the engine its data connections)");
        });
    }

    // ---------------------------------------------------------------------------------------------

    private static Value start(Invocation invocation, ExecutionScope scope, Connection connection)
            throws KeywordException, SQLException {
        String name = invocation.argument("name").display().strip();
        if (name.isEmpty()) {
            throw KeywordException.permanent("the room needs a name, such as START MEET \"Team Sync\"");
        }
        String options = options(invocation.argument("options"));
        boolean withBot = invocation.argument("bot").isTruthy() || options.matches("(?s).*\"bot\"\\s*:\\s*true.*");
        Instant now = invocation.context().clock().instant();
        MeetRooms.Room room;
        try {
            room = MeetRooms.create(connection, name, scope.bot(), options, invocation.executionId(), now);
        } catch (SQLException e) {
            if ("22P02".equals(e.getSQLState())) {
                throw KeywordException.permanent(
                        "WITH OPTIONS needs a JSON object, such as" + " '{\"recording\": false}', but got " + options);
            }
            throw e;
        }
        if (withBot) {
            MeetRooms.join(connection, room.id(), invocation.executionId(), "bot", persona(invocation), now);
            invocation.context().setExecutionValue(ROOM, new TextValue(room.id()));
        }
        return roomValue(invocation, room);
    }

    private static Value join(Invocation invocation, ExecutionScope scope, Connection connection)
            throws KeywordException, SQLException {
        MeetRooms.Room room = room(invocation, connection, invocation.argument("room"), JOIN_MEET);
        Value persona = invocation.argument("persona");
        String name = persona instanceof NullValue ? persona(invocation) : persona.display();
        MeetRooms.join(
                connection,
                room.id(),
                invocation.executionId(),
                "bot",
                name,
                invocation.context().clock().instant());
        invocation.context().setExecutionValue(ROOM, new TextValue(room.id()));
        return NullValue.NULL;
    }

    private static Value leave(Invocation invocation, ExecutionScope scope, Connection connection)
            throws KeywordException, SQLException {
        Value given = invocation.argument("room");
        Optional<Value> current = invocation.context().executionValue(ROOM);
        MeetRooms.Room room = given instanceof NullValue
                ? room(invocation, connection, current.orElseThrow(() -> notInAMeeting(LEAVE_MEET)), LEAVE_MEET)
                : room(invocation, connection, given, LEAVE_MEET);
        if (!MeetRooms.leave(
                connection,
                room.id(),
                invocation.executionId(),
                invocation.context().clock().instant())) {
            throw KeywordException.permanent(
                    "this bot is not in the meeting room " + room.id() + " (START MEET … WITH BOT or JOIN MEET first)");
        }
        if (current.isPresent() && current.get().display().equals(room.id())) {
            invocation.context().setExecutionValue(ROOM, NullValue.NULL);
        }
        return NullValue.NULL;
    }

    private static Value talk(Invocation invocation, ExecutionScope scope, Connection connection)
            throws KeywordException, SQLException {
        MeetRooms.Participant me = present(invocation, connection, TALK_TO_MEET);
        Value mode = invocation.argument("mode");
        String how = mode instanceof NullValue ? "both" : mode.display().toLowerCase(java.util.Locale.ROOT);
        MeetRooms.say(
                connection,
                currentRoom(invocation, TALK_TO_MEET),
                invocation.executionId(),
                me.displayName(),
                how,
                invocation.argument("message").display(),
                invocation.context().clock().instant());
        return NullValue.NULL;
    }

    /**
     * The next line another participant said: its text; {@code NULL} while there is none and the
     * timeout (kept as the execution value {@code hear-deadline}, set by the first call) has not passed;
     * {@code ""} once it has.
     */
    private static Value nextLine(Invocation invocation, ExecutionScope scope, Connection connection)
            throws KeywordException, SQLException {
        MeetRooms.Participant me = present(invocation, connection, "HEAR FROM MEET");
        String room = currentRoom(invocation, "HEAR FROM MEET");
        Optional<MeetRooms.Line> line = MeetRooms.hearNext(connection, room, invocation.executionId(), me.heard());
        Optional<Value> deadline = invocation.context().executionValue(DEADLINE);
        if (line.isPresent()) {
            if (deadline.isPresent()) {
                invocation.context().setExecutionValue(DEADLINE, NullValue.NULL);
            }
            return new TextValue(line.get().text());
        }
        Value timeout = invocation.argument("timeout");
        if (timeout instanceof NullValue) {
            return NullValue.NULL;
        }
        if (!(timeout instanceof NumberValue seconds) || seconds.toBigDecimal().doubleValue() < 0) {
            throw KeywordException.permanent(
                    "HEAR FROM MEET … TIMEOUT needs a number of seconds, such as TIMEOUT 300, but got "
                            + timeout.display());
        }
        Instant now = invocation.context().clock().instant();
        if (deadline.isEmpty()) {
            long millis = Math.round(seconds.toBigDecimal().doubleValue() * 1000);
            invocation.context().setExecutionValue(DEADLINE, IntegerValue.of(now.toEpochMilli() + millis));
            return millis == 0 ? timedOut(invocation) : NullValue.NULL;
        }
        long due = Long.parseLong(deadline.get().display());
        return now.toEpochMilli() >= due ? timedOut(invocation) : NullValue.NULL;
    }

    private static Value timedOut(Invocation invocation) {
        invocation.context().setExecutionValue(DEADLINE, NullValue.NULL);
        return TextValue.EMPTY;
    }

    private static Value invitationSubject(Invocation invocation, ExecutionScope scope, Connection connection)
            throws KeywordException, SQLException {
        MeetRooms.Room room = room(invocation, connection, invocation.argument("room"), INVITE_TO_MEET);
        return new TextValue("Invitation: " + room.name());
    }

    private static Value invitationBody(Invocation invocation, ExecutionScope scope, Connection connection)
            throws KeywordException, SQLException {
        MeetRooms.Room room = room(invocation, connection, invocation.argument("room"), INVITE_TO_MEET);
        Value message = invocation.argument("message");
        String intro = message instanceof NullValue
                ? "You are invited to the meeting \"" + room.name() + "\"."
                : message.display();
        return new TextValue(intro + "\n\nJoin here: " + url(invocation, room.id())
                + "\n\n(A text meeting: type your lines in the page; there is no audio or video.)");
    }

    // ---------------------------------------------------------------------------------------------

    private static String options(Value options) throws KeywordException {
        return switch (options) {
            case NullValue ignored -> "{}";
            case MapValue map -> Json.write(map);
            case TextValue text -> text.value().isBlank() ? "{}" : text.value();
            default ->
                throw KeywordException.permanent("WITH OPTIONS needs a map or JSON text, but got " + options.display());
        };
    }

    private static String persona(Invocation invocation) {
        return invocation.context().configuration().get("bot-persona", "AI Assistant");
    }

    private static String url(Invocation invocation, String room) {
        String base = invocation.context().configuration().get("base-url", "http://localhost:8080");
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/meet/" + room;
    }

    private static Value roomValue(Invocation invocation, MeetRooms.Room room) {
        Map<String, Value> out = new LinkedHashMap<>();
        out.put("id", new TextValue(room.id()));
        out.put("url", new TextValue(url(invocation, room.id())));
        out.put("name", new TextValue(room.name()));
        out.put("created", new TextValue(room.created().toString()));
        out.put("host_token", new TextValue(room.hostToken()));
        return new MapValue(out);
    }

    /** The room a script names: its id, its join URL ({@code …/meet/room-…}) or the value START MEET gave. */
    static String roomId(Value given) {
        Value id = given instanceof MapValue map ? map.find("id").orElse(NullValue.NULL) : given;
        String text = id instanceof NullValue ? "" : id.display().strip();
        int slash = text.lastIndexOf('/');
        if (slash >= 0) {
            text = text.substring(slash + 1);
        }
        int query = text.indexOf('?');
        return query >= 0 ? text.substring(0, query) : text;
    }

    private static MeetRooms.Room room(Invocation invocation, Connection connection, Value given, String keyword)
            throws KeywordException, SQLException {
        String id = roomId(given);
        if (id.isEmpty()) {
            throw KeywordException.permanent("a meeting room is needed: its id, its join URL or the value of"
                    + " START MEET, but got " + (given instanceof NullValue ? "NULL" : "'" + given.display() + "'"));
        }
        return MeetRooms.find(connection, id)
                .orElseThrow(() -> KeywordException.permanent(
                        "there is no meeting room '" + id + "' (rooms are made by START MEET; check the id or link)"));
    }

    private static String currentRoom(Invocation invocation, String keyword) throws KeywordException {
        return invocation
                .context()
                .executionValue(ROOM)
                .orElseThrow(() -> notInAMeeting(keyword))
                .display();
    }

    private static MeetRooms.Participant present(Invocation invocation, Connection connection, String keyword)
            throws KeywordException, SQLException {
        String room = currentRoom(invocation, keyword);
        Optional<MeetRooms.Participant> me = MeetRooms.participant(connection, room, invocation.executionId());
        if (me.isEmpty() || !me.get().present()) {
            throw notInAMeeting(keyword);
        }
        return me.get();
    }

    private static KeywordException notInAMeeting(String keyword) {
        return KeywordException.permanent(
                keyword + ": this bot is in no meeting room; START MEET … WITH BOT or" + " JOIN MEET room first");
    }
}
