package io.basicflow.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.persistence.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code basicflow run FILE} on a {@code #workflow} script, as the issue describes it: kill the
 * process at a HEAR with {@code kill -9}, start the same command again, and the conversation
 * continues where it was, without repeating what was already said.
 */
class DurableRunTest {

    private static final Duration START = Duration.ofSeconds(90);

    /** Waits until the outbox of the database the running process owns has no unacknowledged message. */
    private static void awaitEverythingAcknowledged(Path data) throws Exception {
        String url = EmbeddedPostgres.runningElsewhere(data, "basicflow").orElseThrow();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement statement = connection.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rows =
                        statement.executeQuery("select count(*) from workflow_outbox where acknowledged_at is null")) {
                    rows.next();
                    if (rows.getLong(1) == 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("messages stayed unacknowledged");
    }

    @TempDir
    Path folder;

    @Test
    void aConversationKilledAtAHearContinuesWithoutRepeatingItself() throws Exception {
        Path script = folder.resolve("order.bas");
        Files.writeString(script, """
                #workflow
                TALK "Welcome to the pizza line."
                HEAR size AS "small", "large" WITH "Which size?"
                price = 10
                IF size = "large" THEN
                    price = price + 4
                END IF
                FOR i = 1 TO 3
                    TALK "Preparing, step " + i
                NEXT
                HEAR count AS INTEGER WITH "How many?"
                TALK "Total: " + (price * count)
                RETURN price * count
                """);
        Path data = folder.resolve("pg");

        try (BasicflowProcess first = BasicflowProcess.start(folder, data, "run", script.toString())) {
            first.awaitLine(line -> line.equals("Which size?"), START);
            first.type("large");
            first.awaitLine(line -> line.equals("How many?"), START);
            // A message is acknowledged right after it is printed; kill once that is committed (a kill
            // between the two would show the line again next time: at least once, not lost).
            awaitEverythingAcknowledged(data);
            first.killHard();
            assertThat(first.stdoutLines())
                    .containsSubsequence(
                            "Welcome to the pizza line.",
                            "Which size?",
                            "Preparing, step 1",
                            "Preparing, step 2",
                            "Preparing, step 3",
                            "How many?");
        }

        try (BasicflowProcess second = BasicflowProcess.start(folder, data, "run", script.toString())) {
            second.type("two");
            second.type("2");
            second.endInput();
            assertThat(second.awaitExit(START)).as(second.stderr()).isZero();
            // The waiting question once more (so the user knows what to answer), then only what was
            // not said before: the HEAR's retry message, the prompt again, the total.
            assertThat(second.stdoutLines())
                    .containsExactly(
                            "How many?", "Please enter a whole number, like 42.", "How many?", "Total: 28", "=> 28");
            assertThat(second.stderr()).contains("continuing the conversation");
        }

        // A third run starts a new conversation: the previous one completed.
        try (BasicflowProcess third = BasicflowProcess.start(folder, data, "run", script.toString())) {
            third.awaitLine(line -> line.equals("Which size?"), START);
            third.endInput();
            assertThat(third.awaitExit(START)).isEqualTo(3);
            assertThat(third.stdoutLines()).startsWith("Welcome to the pizza line.", "Which size?");
            assertThat(third.stderr()).contains("the conversation is saved");
        }
    }

    /**
     * {@code basicflow run --durable FOLDER} on a General Bots bot folder: its {@code start.bas} has
     * no {@code #workflow} line, uses a tool beside it, and its conversation survives a {@code kill
     * -9} of the terminal run.
     */
    @Test
    void aBotFolderRunsDurablyUnderItsBotNameAndContinuesAfterAKill() throws Exception {
        Path dialogs = Files.createDirectories(folder.resolve("bots/shop.gbai/shop.gbdialog"));
        Files.writeString(dialogs.resolve("start.bas"), """
                TALK "Welcome to the shop."
                HEAR count AS INTEGER WITH "How many boxes?"
                total = USE TOOL "price", count
                TALK "Total: {total}"
                RETURN total
                """);
        Files.writeString(dialogs.resolve("price.bas"), "PARAM boxes AS INTEGER\nRETURN boxes * 3\n");
        Path bots = folder.resolve("bots");
        Path data = folder.resolve("pg");

        try (BasicflowProcess first = BasicflowProcess.start(folder, data, "run", "--durable", bots.toString())) {
            first.awaitLine(line -> line.equals("How many boxes?"), START);
            awaitEverythingAcknowledged(data);
            first.killHard();
        }

        try (BasicflowProcess second = BasicflowProcess.start(folder, data, "run", "--durable", bots.toString())) {
            second.type("4");
            second.endInput();
            assertThat(second.awaitExit(START)).as(second.stderr()).isZero();
            // The question the conversation waits at is shown again, then the rest once.
            assertThat(second.stdoutLines()).containsExactly("How many boxes?", "Total: 12", "=> 12");
            assertThat(second.stderr()).contains("continuing the conversation");
        }
    }
}
