package io.basicflow.app.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.basicflow.engine.api.WorkflowEngine;
import io.basicflow.meet.MeetPlugin;
import io.basicflow.meet.MeetRooms;
import io.basicflow.spi.value.TextValue;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The meeting rooms of {@code START MEET} for people (docs/meetings.md): the join link {@code GET
 * /meet/{room}} is a text page; {@code GET /meet/{room}/lines?after=n} reads the room and its
 * transcript, {@code POST /meet/{room}/lines} says a line ({@code {"name": "Ana", "text": "…"}}),
 * joining the room under that name, and wakes the bots waiting in {@code HEAR FROM MEET}. The room's id
 * (64 random bits) is the capability, as a meeting link is: these paths need no API token.
 */
public final class MeetEndpoints implements HttpExtension {

    private static final Pattern ROOM = Pattern.compile("room-[0-9a-f]{12,32}");
    private static final int MAX_NAME = 100;
    private static final int MAX_TEXT = 4000;
    private static final int PAGE = 500;
    /** How a person's participant id starts; a bot's is its execution id. */
    private static final String PERSON = "person:";

    private final WorkflowEngine engine;
    private final DataSource database;
    private final HttpServerConfig config;
    private final Clock clock;
    private final byte[] page;

    /**
     * The meeting routes.
     *
     * @param engine the executions the rooms' bots run in
     * @param database the engine's database, which holds the rooms
     * @param config the API's settings (its body limit)
     * @param clock the time of lines and joins
     */
    public MeetEndpoints(WorkflowEngine engine, DataSource database, HttpServerConfig config, Clock clock) {
        this.engine = requireNonNull(engine, "engine is null");
        this.database = requireNonNull(database, "database is null");
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        try (InputStream in = MeetEndpoints.class.getResourceAsStream("meet.html")) {
            this.page = requireNonNull(in, "meet.html is missing").readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void routes(RoutesConfig routes) {
        routes.get("/meet/{room}", this::page);
        routes.get("/meet/{room}/lines", this::lines);
        routes.post("/meet/{room}/lines", this::say);
    }

    @Override
    public boolean isPublic(String path) {
        return path.startsWith("/meet/");
    }

    private void page(Context ctx) throws SQLException {
        room(ctx);
        ctx.status(200).contentType("text/html; charset=utf-8").result(page);
    }

    /** {@code GET /meet/{room}/lines?after=n}: the room, its participants and its lines after n. */
    private void lines(Context ctx) throws SQLException {
        String id = roomId(ctx);
        long after = Requests.longParam(ctx, "after", 0, 0, Long.MAX_VALUE);
        try (Connection connection = database.getConnection()) {
            MeetRooms.Room room = MeetRooms.find(connection, id).orElseThrow(() -> noRoom(id));
            ObjectNode answer = Json.object();
            answer.putObject("room")
                    .put("id", room.id())
                    .put("name", room.name())
                    .put("created", room.created().toString())
                    .put("lines", room.lines());
            ArrayNode participants = answer.putArray("participants");
            for (MeetRooms.Participant participant : MeetRooms.participants(connection, id)) {
                participants
                        .addObject()
                        .put("name", participant.displayName())
                        .put("kind", participant.kind())
                        .put("present", participant.present());
            }
            ArrayNode lines = answer.putArray("lines");
            for (MeetRooms.Line line : MeetRooms.lines(connection, id, after, PAGE)) {
                lines.addObject()
                        .put("line", line.line())
                        .put("speaker", line.speaker())
                        .put("bot", !line.participant().startsWith(PERSON))
                        .put("mode", line.mode())
                        .put("text", line.text())
                        .put("said", line.said().toString());
            }
            Responses.json(ctx, 200, answer);
        }
    }

    /** {@code POST /meet/{room}/lines}: a person says a line; the bots in the room are woken. */
    private void say(Context ctx) throws SQLException {
        String id = roomId(ctx);
        Requests.kind(ctx, Set.of(Requests.BodyKind.JSON));
        ObjectNode request = Requests.jsonObject(Requests.body(ctx, config.maxBodyBytes()), Set.of("name", "text"));
        String name = Requests.requiredText(request, "name").strip();
        String text = Requests.requiredText(request, "text").strip();
        if (name.isEmpty() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw ApiProblem.invalidMember(
                    "/name", "name must have 1 to " + MAX_NAME + " characters and no control characters");
        }
        if (text.isEmpty() || text.length() > MAX_TEXT) {
            throw ApiProblem.invalidMember("/text", "text must have 1 to " + MAX_TEXT + " characters");
        }
        long line;
        java.util.List<String> bots;
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (MeetRooms.find(connection, id).isEmpty()) {
                    throw noRoom(id);
                }
                String participant = PERSON + name;
                MeetRooms.join(connection, id, participant, "person", name, clock.instant());
                line = MeetRooms.say(connection, id, participant, name, "chat", text, clock.instant());
                bots = MeetRooms.presentBots(connection, id);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
        int woken = 0;
        for (String bot : bots) {
            woken += engine.publishEvent(
                    Optional.of(bot), MeetPlugin.LINE_EVENT, new TextValue(id), "meet/" + id + "/" + line);
        }
        Responses.json(ctx, 201, Json.object().put("line", line).put("woken", woken));
    }

    private void room(Context ctx) throws SQLException {
        String id = roomId(ctx);
        try (Connection connection = database.getConnection()) {
            if (MeetRooms.find(connection, id).isEmpty()) {
                throw noRoom(id);
            }
        }
    }

    private static String roomId(Context ctx) {
        String id = ctx.pathParam("room");
        if (!ROOM.matcher(id).matches()) {
            throw noRoom(id);
        }
        return id;
    }

    private static ApiProblem noRoom(String id) {
        return new ApiProblem(
                ProblemType.NOT_FOUND,
                "there is no meeting room '" + id + "' (a room's link is /meet/room-…, as START MEET gives it)");
    }
}
