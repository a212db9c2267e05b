package io.basicflow.durable;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionView;
import io.basicflow.engine.api.StartRequest;
import io.basicflow.engine.direct.ScriptResolver;
import io.basicflow.engine.durable.ChildScripts;
import io.basicflow.engine.store.ExecutionRecord;
import io.basicflow.engine.testing.TestPlugin;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.ReplayVerification;
import io.basicflow.persistence.testing.TestClock;
import io.basicflow.persistence.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every golden script of the interpreter (workflow-engine's {@code src/test/resources/golden}) runs
 * durably on PostgreSQL, made a {@code #workflow} script (its first line, a comment, becomes the
 * pragma, so line numbers stay): inputs are delivered when the execution (or the child it waits for)
 * asks, timers and retry backoffs are passed by moving the engine's clock. Its messages (from the
 * outbox, children's included, in the order they were written), the plugin calls, the active tools
 * and the outcome must be exactly those of the direct run in the {@code .expected} transcript. Every
 * statement kind of the language is in these scripts; the class's replay verification then proves
 * the fold for every execution they made.
 */
@ExtendWith({PostgresExtension.class, ReplayVerification.class})
class GoldenScriptsDurableTest {

    private static final java.util.concurrent.atomic.AtomicInteger RUNS =
            new java.util.concurrent.atomic.AtomicInteger();

    private static final Path GOLDEN = Path.of(
            System.getProperty("basicflow.root", ".."), "workflow-engine", "src", "test", "resources", "golden");

    @TestFactory
    Stream<DynamicTest> goldenScriptsRunDurably(TestDatabase database) throws IOException {
        List<Path> scripts;
        try (Stream<Path> files = Files.list(GOLDEN)) {
            scripts = files.filter(file -> file.toString().endsWith(".bas"))
                    .sorted()
                    .toList();
        }
        assertThat(scripts).hasSizeGreaterThanOrEqualTo(20);
        // -Dbasicflow.golden.only=orchestration.* runs the matching scripts only (to repeat one)
        String only = System.getProperty("basicflow.golden.only", "");
        if (!only.isEmpty()) {
            scripts = scripts.stream()
                    .filter(script -> script.getFileName().toString().matches(only))
                    .toList();
        }
        // -Dbasicflow.golden.repeat=N runs each script N times (hunting a rare failure)
        int repeat = Integer.getInteger("basicflow.golden.repeat", 1);
        List<Path> runs = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
            runs.addAll(scripts);
        }
        return runs.stream()
                .map(script -> DynamicTest.dynamicTest(script.getFileName().toString(), () -> check(database, script)));
    }

    private static void check(TestDatabase database, Path script) throws IOException, SQLException {
        String name = script.getFileName().toString();
        String base = name.substring(0, name.length() - ".bas".length());
        List<String> expected = Files.readAllLines(GOLDEN.resolve(base + ".expected"), StandardCharsets.UTF_8);
        Path inputFile = GOLDEN.resolve(base + ".input");
        Deque<String> inputs = new ArrayDeque<>(
                Files.exists(inputFile) ? Files.readAllLines(inputFile, StandardCharsets.UTF_8) : List.of());
        List<String> source = new ArrayList<>(Files.readAllLines(script, StandardCharsets.UTF_8));
        assertThat(source.getFirst())
                .as("the first line of %s is a comment", name)
                .startsWith("'");
        source.set(0, "#workflow");

        List<String> calls = new CopyOnWriteArrayList<>();
        TestPlugin plugin = new TestPlugin(calls::add);
        TestClock clock = TestClock.frozenAt(Instant.parse("2026-11-25T18:00:00Z"));
        try (DurableFixture engine = DurableFixture.builder(database)
                .plugins(plugin)
                .clock(clock)
                .random(new SplittableRandom(1))
                .children(ChildScripts.from(ScriptResolver.directory(GOLDEN)))
                .start()) {
            int run = RUNS.incrementAndGet();
            String id = "golden-" + base.replace('_', '-')
                    + (Integer.getInteger("basicflow.golden.repeat", 1) > 1 ? "-" + run : "");
            engine.engine().start(new StartRequest(Optional.of(id), name, String.join("\n", source) + "\n", Map.of()));
            ExecutionView end;
            try {
                end = drive(engine, clock, id, inputs);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; the executions then:\n" + rows(database, id), e);
            }

            List<String> transcript = new ArrayList<>(outbox(database, id));
            transcript.addAll(calls);
            List<String> expectedTranscript = new ArrayList<>();
            List<String> expectedCalls = new ArrayList<>();
            for (String line : expected.subList(0, expected.size() - 1)) {
                if (line.startsWith("* ")) {
                    expectedCalls.add(line);
                } else if (!line.startsWith("> ") && !line.startsWith("~ sleep ") && !line.startsWith("TOOLS ")) {
                    expectedTranscript.add(line);
                }
            }
            expectedTranscript.addAll(expectedCalls);
            assertThat(transcript)
                    .as("%s: messages, then plugin calls", name)
                    .containsExactlyElementsOf(expectedTranscript);
            assertThat(outcome(end)).as("%s: outcome", name).isEqualTo(expected.getLast());
            String tools = expected.stream()
                    .filter(line -> line.startsWith("TOOLS "))
                    .findFirst()
                    .orElse("TOOLS ");
            assertThat("TOOLS " + String.join(", ", end.activeTools()))
                    .as("%s: tools", name)
                    .isEqualTo(tools);
            assertThat(inputs).as("%s reads every input", name).isEmpty();
        }
    }

    /** Delivers input when asked and passes timers, until the execution ends. */
    private static ExecutionView drive(DurableFixture engine, TestClock clock, String id, Deque<String> inputs) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            ExecutionView root = engine.engine().find(id).orElseThrow();
            switch (root.status()) {
                case COMPLETED, FAILED, CANCELLED -> {
                    return root;
                }
                default -> {}
            }
            ExecutionRecord waiting = innermost(engine, id);
            switch (waiting.status()) {
                case WAITING_INPUT -> {
                    assertThat(inputs)
                            .as("%s asks for more input than the script's .input has", waiting.id())
                            .isNotEmpty();
                    engine.engine().deliverInput(waiting.id(), inputs.removeFirst());
                    awaitChange(engine, waiting);
                }
                case WAITING_TIMER -> {
                    Instant wakeAt = waiting.wakeAt().orElseThrow();
                    Duration left = Duration.between(clock.instant(), wakeAt);
                    if (!left.isNegative()) {
                        clock.advance(left);
                    }
                    engine.workers().wakeUp();
                    awaitChange(engine, waiting);
                }
                default -> pause();
            }
        }
        throw new AssertionError(id + " did not end within 60 s");
    }

    private static ExecutionRecord innermost(DurableFixture engine, String id) {
        ExecutionRecord current = engine.store().find(id).orElseThrow();
        while (true) {
            // r = DELEGATE … TIMEOUT s waits on its deadline for the child started just before its timer:
            // the bot's own waits are passed first, and its end wakes the parent
            Optional<ExecutionRecord> child = switch (current.status()) {
                case WAITING_CHILD -> engine.store().child(current.id(), current.lastSeq());
                case WAITING_TIMER -> engine.store().child(current.id(), current.lastSeq() - 1);
                default -> Optional.empty();
            };
            if (child.isEmpty()) {
                return current;
            }
            current = child.get();
        }
    }

    private static void awaitChange(DurableFixture engine, ExecutionRecord before) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            ExecutionRecord now = engine.store().find(before.id()).orElseThrow();
            if (now.version() != before.version()) {
                return;
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The rows of an execution's tree, as the database holds them: what a hang waits for. */
    private static String rows(TestDatabase database, String id) throws SQLException {
        StringBuilder text = new StringBuilder();
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select id, status, version, last_seq, inbox_version, wake_at, lease_owner,"
                                + " lease_expires_at, parent_id, parent_seq from workflow_executions"
                                + " where id = ? or id like ? order by id")) {
            statement.setString(1, id);
            statement.setString(2, id + "~%");
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    for (int column = 1; column <= 10; column++) {
                        text.append(column == 1 ? "" : " ").append(row.getString(column));
                    }
                    text.append('\n');
                }
            }
        }
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select execution_id, seq, type from workflow_events where execution_id = ? or"
                                + " execution_id like ? order by execution_id, seq")) {
            statement.setString(1, id);
            statement.setString(2, id + "~%");
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    text.append(row.getString(1))
                            .append(" #")
                            .append(row.getLong(2))
                            .append(' ')
                            .append(row.getString(3))
                            .append('\n');
                }
            }
        }
        return text.toString();
    }

    private static String outcome(ExecutionView view) {
        return switch (view.status()) {
            case COMPLETED ->
                view.result().map(value -> "RETURN " + value.display()).orElse("END");
            case FAILED -> "FAILED " + view.error().orElseThrow().message();
            default -> view.status().name();
        };
    }

    /** The message lines of an execution and its children, in the order they were written. */
    private static List<String> outbox(TestDatabase database, String id) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select recipient, message from workflow_outbox where execution_id = ? or execution_id like ?"
                                + " order by id")) {
            query.setString(1, id);
            query.setString(2, id + "~%");
            List<String> messages = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    // As the golden transcripts show them: a recipient in brackets, one line per line.
                    String recipient = rows.getString(1);
                    String text = rows.getString(2);
                    messages.addAll((recipient == null ? text : "[to " + recipient + "] " + text)
                            .lines()
                            .toList());
                }
            }
            return messages;
        }
    }
}
