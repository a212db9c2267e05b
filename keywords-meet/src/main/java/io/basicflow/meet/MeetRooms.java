package io.basicflow.meet;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The meeting rooms' rows ({@code meet_rooms}, {@code meet_participants}, {@code meet_lines}, created
 * by the engine's migration V106): one explicit statement per method, on a connection the caller owns
 * (the step's transaction for the keywords, a transaction of the HTTP API for people). Public so that
 * the HTTP API reads and writes rooms with the same statements as the keywords.
 */
public final class MeetRooms {

    private static final SecureRandom RANDOM = new SecureRandom();

    private MeetRooms() {}

    /** A room as {@code START MEET} returns it and the HTTP API shows it. */
    public record Room(
            String id, String name, String bot, String hostToken, String options, Instant created, long lines) {}

    /** One participant: a bot (by its execution) or a person who joined through the join link. */
    public record Participant(String participant, String kind, String displayName, long heard, boolean present) {}

    /** One line of the transcript. */
    public record Line(long line, String participant, String speaker, String mode, String text, Instant said) {}

    /** A new room's id: {@code room-} and 16 random hex digits. */
    static String newRoomId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return "room-" + HexFormat.of().formatHex(bytes);
    }

    /** A new host token: 32 random hex digits. */
    static String newHostToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static Room create(Connection connection, String name, String bot, String options, String createdBy, Instant now)
            throws SQLException {
        String id = newRoomId();
        String token = newHostToken();
        try (PreparedStatement insert = connection.prepareStatement("insert into meet_rooms (id, name, bot, host_token,"
                + " options, created_by, created_at) values (?, ?, ?, ?, ?::jsonb, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, name);
            insert.setString(3, bot);
            insert.setString(4, token);
            insert.setString(5, options);
            insert.setString(6, createdBy);
            insert.setTimestamp(7, Timestamp.from(now));
            insert.executeUpdate();
        }
        return new Room(id, name, bot, token, options, now, 0);
    }

    /**
     * A room by its id.
     *
     * @param connection an open connection
     * @param id the room's id
     * @return the room, empty when there is none
     * @throws SQLException when the database fails
     */
    public static Optional<Room> find(Connection connection, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select id, name, bot, host_token, options::text, created_at, lines from meet_rooms where id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Room(
                        row.getString(1),
                        row.getString(2),
                        row.getString(3),
                        row.getString(4),
                        row.getString(5),
                        row.getTimestamp(6).toInstant(),
                        row.getLong(7)));
            }
        }
    }

    /**
     * Adds a participant, or brings one that left back; a participant that joins hears the lines said
     * after it joined.
     *
     * @param connection an open connection, in a transaction
     * @param room the room's id, which exists
     * @param participant a bot's execution id or a person's name
     * @param kind {@code bot} or {@code person}
     * @param displayName the name shown beside its lines
     * @param now the time of joining
     * @throws SQLException when the database fails
     */
    public static void join(
            Connection connection, String room, String participant, String kind, String displayName, Instant now)
            throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("insert into meet_participants (room_id,"
                + " participant, kind, display_name, heard, joined_at) select id, ?, ?, ?, lines, ? from meet_rooms"
                + " where id = ? on conflict (room_id, participant) do update set display_name = excluded.display_name,"
                + " left_at = null, heard = case when meet_participants.left_at is null then meet_participants.heard"
                + " else excluded.heard end")) {
            upsert.setString(1, participant);
            upsert.setString(2, kind);
            upsert.setString(3, displayName);
            upsert.setTimestamp(4, Timestamp.from(now));
            upsert.setString(5, room);
            upsert.executeUpdate();
        }
    }

    static boolean leave(Connection connection, String room, String participant, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("update meet_participants set left_at = ? where"
                + " room_id = ? and participant = ? and left_at is null")) {
            update.setTimestamp(1, Timestamp.from(now));
            update.setString(2, room);
            update.setString(3, participant);
            return update.executeUpdate() == 1;
        }
    }

    /**
     * One participant of a room.
     *
     * @param connection an open connection
     * @param room the room's id
     * @param participant the participant
     * @return it, empty when it never joined
     * @throws SQLException when the database fails
     */
    public static Optional<Participant> participant(Connection connection, String room, String participant)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select participant, kind, display_name, heard,"
                + " left_at is null from meet_participants where room_id = ? and participant = ?")) {
            select.setString(1, room);
            select.setString(2, participant);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(participant(row)) : Optional.empty();
            }
        }
    }

    /**
     * Every participant of a room, in the order they joined.
     *
     * @param connection an open connection
     * @param room the room's id
     * @return the participants, those who left included
     * @throws SQLException when the database fails
     */
    public static List<Participant> participants(Connection connection, String room) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select participant, kind, display_name, heard,"
                + " left_at is null from meet_participants where room_id = ? order by joined_at, participant")) {
            select.setString(1, room);
            try (ResultSet row = select.executeQuery()) {
                List<Participant> out = new ArrayList<>();
                while (row.next()) {
                    out.add(participant(row));
                }
                return out;
            }
        }
    }

    private static Participant participant(ResultSet row) throws SQLException {
        return new Participant(row.getString(1), row.getString(2), row.getString(3), row.getLong(4), row.getBoolean(5));
    }

    /**
     * Adds a line to the room's transcript; its number is the room's next, taken under the room row's
     * lock, so lines are numbered without gaps in the order their transactions commit.
     *
     * @param connection an open connection, in a transaction
     * @param room the room's id, which exists
     * @param participant who says it
     * @param speaker the name shown
     * @param mode {@code chat}, {@code voice} or {@code both}
     * @param text the line
     * @param now when it is said
     * @return the line's number
     * @throws SQLException when the database fails
     */
    public static long say(
            Connection connection,
            String room,
            String participant,
            String speaker,
            String mode,
            String text,
            Instant now)
            throws SQLException {
        long line;
        try (PreparedStatement next =
                connection.prepareStatement("update meet_rooms set lines = lines + 1 where id = ? returning lines")) {
            next.setString(1, room);
            try (ResultSet row = next.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("no meeting room " + room);
                }
                line = row.getLong(1);
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into meet_lines (room_id, line,"
                + " participant, speaker, mode, text, said_at) values (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, room);
            insert.setLong(2, line);
            insert.setString(3, participant);
            insert.setString(4, speaker);
            insert.setString(5, mode);
            insert.setString(6, text);
            insert.setTimestamp(7, Timestamp.from(now));
            insert.executeUpdate();
        }
        return line;
    }

    /**
     * The lines of a room after a number, in order.
     *
     * @param connection an open connection
     * @param room the room's id
     * @param after the last line already read (0 for all)
     * @param limit the most lines to read
     * @return the lines
     * @throws SQLException when the database fails
     */
    public static List<Line> lines(Connection connection, String room, long after, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select line, participant, speaker, mode, text,"
                + " said_at from meet_lines where room_id = ? and line > ? order by line limit ?")) {
            select.setString(1, room);
            select.setLong(2, after);
            select.setInt(3, limit);
            try (ResultSet row = select.executeQuery()) {
                List<Line> out = new ArrayList<>();
                while (row.next()) {
                    out.add(new Line(
                            row.getLong(1),
                            row.getString(2),
                            row.getString(3),
                            row.getString(4),
                            row.getString(5),
                            row.getTimestamp(6).toInstant()));
                }
                return out;
            }
        }
    }

    /**
     * The first line after a participant's cursor that another participant said, the participant's
     * cursor moved onto it (or past its own lines when there is none).
     */
    static Optional<Line> hearNext(Connection connection, String room, String participant, long heard)
            throws SQLException {
        Optional<Line> next = Optional.empty();
        long cursor = heard;
        for (Line line : lines(connection, room, heard, 100)) {
            cursor = line.line();
            if (!line.participant().equals(participant)) {
                next = Optional.of(line);
                break;
            }
        }
        if (cursor != heard) {
            try (PreparedStatement update = connection.prepareStatement(
                    "update meet_participants set heard = ? where room_id = ? and participant = ?")) {
                update.setLong(1, cursor);
                update.setString(2, room);
                update.setString(3, participant);
                update.executeUpdate();
            }
        }
        return next;
    }

    /**
     * The bots present in a room: the executions that a new line from outside must wake.
     *
     * @param connection an open connection
     * @param room the room's id
     * @return their execution ids
     * @throws SQLException when the database fails
     */
    public static List<String> presentBots(Connection connection, String room) throws SQLException {
        List<String> out = new ArrayList<>();
        for (Participant participant : participants(connection, room)) {
            if (participant.kind().equals("bot") && participant.present()) {
                out.add(participant.participant());
            }
        }
        return out;
    }
}
