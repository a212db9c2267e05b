package io.basicflow.meet;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.spi.value.TextValue;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The meeting keywords of keyword-start-meet.md, in our own words, on a real PostgreSQL: a bot starts a
 * room, talks in it, waits (durably, holding no thread) for a person's line and leaves; the same script
 * says the same in a direct and a durable run; the rows are the room, its participants and its
 * transcript.
 */
@ExtendWith(PostgresExtension.class)
class MeetingKeywordsTest {

    /** A room the bot owns, a line, a wait that times out, the bot joins by link, leaves. */
    static final String ROUNDS = """
            room = START MEET "Sprint Review" WITH BOT
            TALK "created " + room.name + ", link " + REPLACE(room.url, room.id, "ID")
            TALK TO MEET "Good morning! I take the notes." AS CHAT
            HEAR FROM MEET INTO said TIMEOUT 1
            TALK "heard [" + said + "]"
            LEAVE MEET
            JOIN MEET room.url AS "Note Taker"
            TALK TO MEET "Back again."
            LEAVE MEET room.id
            TALK "done"
            """;

    @Test
    void directAndDurableRunsSayTheSameAndKeepTheTranscript(TestDatabase database) throws Exception {
        MeetEngines.Run direct = MeetEngines.direct(database, "direct.bas", ROUNDS);
        assertThat(direct.outcome()).as("after %s", direct.messages()).isEqualTo("COMPLETED");
        try (DurableFixture engine = MeetEngines.fixture(database)) {
            MeetEngines.Run durable = MeetEngines.durable(engine, "durable.bas", ROUNDS);
            assertThat(durable.outcome()).as("after %s", durable.messages()).isEqualTo("COMPLETED");
            assertThat(durable.messages())
                    .containsExactly("created Sprint Review, link http://localhost:8080/meet/ID", "heard []", "done");
            assertThat(direct.messages()).isEqualTo(durable.messages());
        }
        try (Connection connection = MeetEngines.connect(database);
                var rows = connection
                        .createStatement()
                        .executeQuery("select r.name, l.line, l.speaker, l.mode, l.text from meet_rooms r join"
                                + " meet_lines l on l.room_id = r.id order by r.id, l.line")) {
            List<String> lines = new java.util.ArrayList<>();
            while (rows.next()) {
                lines.add(rows.getString(1) + " " + rows.getLong(2) + " " + rows.getString(3) + " (" + rows.getString(4)
                        + "): " + rows.getString(5));
            }
            // the direct run's room and the durable run's, each with its two lines
            assertThat(lines)
                    .containsExactlyInAnyOrder(
                            "Sprint Review 1 AI Assistant (chat): Good morning! I take the notes.",
                            "Sprint Review 1 AI Assistant (chat): Good morning! I take the notes.",
                            "Sprint Review 2 Note Taker (both): Back again.",
                            "Sprint Review 2 Note Taker (both): Back again.");
        }
    }

    /** A person says a line while the bot waits: the line event wakes the parked execution. */
    @Test
    void aPersonsLineWakesTheWaitingBot(TestDatabase database) throws Exception {
        String script = """
                #workflow
                room = START MEET "Standup" WITH BOT
                TALK room.id
                TALK TO MEET "Who goes first?"
                HEAR FROM MEET INTO said
                TALK "heard: " + said
                HEAR FROM MEET INTO next TIMEOUT 2
                TALK "then: [" + next + "]"
                """;
        try (DurableFixture engine = MeetEngines.fixture(database)) {
            String id = engine.start("standup.bas", script, Map.of());
            var parked = engine.await(
                    id, view -> view.status() == ExecutionStatus.WAITING_TIMER, "the bot waiting for a line");
            assertThat(parked.status()).isEqualTo(ExecutionStatus.WAITING_TIMER);
            String room = engine.messages(id).getFirst();
            try (Connection connection = MeetEngines.connect(database)) {
                connection.setAutoCommit(false);
                MeetRooms.join(connection, room, "Ana", "person", "Ana", Instant.now());
                MeetRooms.say(
                        connection, room, "Ana", "Ana", "chat", "I go first: the login bug is fixed.", Instant.now());
                connection.commit();
                assertThat(MeetRooms.presentBots(connection, room)).containsExactly(id);
            }
            int woken = engine.engine()
                    .publishEvent(Optional.of(id), MeetPlugin.LINE_EVENT, new TextValue(room), "line-" + room + "-2");
            assertThat(woken).as("bots woken by the line").isEqualTo(1);
            engine.awaitStatus(id, ExecutionStatus.COMPLETED);
            assertThat(engine.messages(id))
                    .containsExactly(room, "heard: I go first: the login bug is fixed.", "then: []");
        }
    }

    @Test
    void keywordsOutsideARoomFailTheirExecutionSayingWhatToDo(TestDatabase database) {
        MeetEngines.Run talk = MeetEngines.direct(database, "talk.bas", "TALK \"hi\"\nTALK TO MEET \"anyone?\"\n");
        assertThat(talk.outcome())
                .isEqualTo(
                        "FAILED talk.bas:2:1: MEET TALK failed: TALK TO MEET: this bot is in no meeting room; START MEET … WITH BOT or"
                                + " JOIN MEET room first");
        MeetEngines.Run join = MeetEngines.direct(database, "join.bas", "JOIN MEET \"room-0000000000000000\"\n");
        assertThat(join.outcome())
                .isEqualTo(
                        "FAILED join.bas:1:1: JOIN MEET failed: there is no meeting room 'room-0000000000000000' (rooms are"
                                + " made by START MEET; check the id or link)");
        MeetEngines.Run options =
                MeetEngines.direct(database, "options.bas", "r = START MEET \"x\" WITH OPTIONS \"{oops\"\n");
        assertThat(options.outcome())
                .isEqualTo("FAILED options.bas:1:1: START MEET failed: WITH OPTIONS needs a JSON object, such as"
                        + " '{\"recording\": false}', but got {oops");
    }
}
