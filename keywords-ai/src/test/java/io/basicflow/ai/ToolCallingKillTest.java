package io.basicflow.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.engine.api.EventView;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.engine.api.MessageView;
import io.basicflow.engine.api.StartRequest;
import io.basicflow.engine.api.WorkflowEngine;
import io.basicflow.persistence.Database;
import io.basicflow.persistence.DurableRuntime;
import io.basicflow.persistence.WorkerMain;
import io.basicflow.persistence.testing.ChildJvm;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A durable dialog whose {@code LLM} call makes two tool calls, then asks the model again with their
 * results — with the worker JVM ({@link WorkerMain}, a child process on the test's PostgreSQL) killed
 * by {@code kill -9} while the model is thinking about the tools' results. The second worker resumes
 * the same step: it asks the model again with the same exchange, and neither runs the tools again nor
 * repeats the first model call.
 */
@ExtendWith(PostgresExtension.class)
class ToolCallingKillTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String DIALOG = """
            #workflow
            USE TOOL "weather"
            advice = LLM "What should I wear in Lisbon and Porto today?"
            TALK advice
            HEAR reply
            TALK "Have a good day!"
            """;

    private final TestDatabase testDatabase;
    private final List<ChildJvm> children = new ArrayList<>();
    private Database database;
    private DurableRuntime api;

    @TempDir
    Path tools;

    ToolCallingKillTest(TestDatabase testDatabase) {
        this.testDatabase = testDatabase;
    }

    @BeforeEach
    void startApi() throws IOException {
        ToolCallingTest.writeTools(tools);
        database = testDatabase.startDatabase();
        api = DurableRuntime.builder(
                        database, KeywordCatalogue.discover(getClass().getClassLoader()))
                .workers(false)
                .start();
    }

    @AfterEach
    void stop() {
        children.forEach(ChildJvm::close);
        api.close();
        database.close();
    }

    private WorkflowEngine engine() {
        return api.engine();
    }

    private ChildJvm worker(FakeModelServer model) {
        ChildJvm child = ChildJvm.start(
                WorkerMain.class,
                "basicflow.db.url=" + testDatabase.jdbcUrl(),
                "basicflow.db.user=" + testDatabase.user(),
                "basicflow.db.pool.size=4",
                "basicflow.durable.poll-interval=100ms",
                "basicflow.scripts.dir=" + tools,
                "basicflow.tools.folder=" + tools,
                "basicflow.ai.base-url=" + model.baseUrl(),
                "basicflow.ai.model=small-model",
                // Long enough that the first worker still waits for the withheld answer when it is killed.
                "basicflow.ai.timeout-ms=120000");
        children.add(child);
        child.awaitLine(line -> line.startsWith("READY "), TIMEOUT);
        return child;
    }

    @Test
    void killedWhileTheModelReadsTheToolResultsResumesWithoutRunningTheToolsAgain() {
        try (FakeModelServer model = FakeModelServer.start()) {
            model.toolCalls("weather", "{\"city\":\"Lisbon\"}", "weather", "{\"city\":\"Porto\"}")
                    .hang()
                    .answer("A t-shirt: it is sunny in both.");
            ChildJvm first = worker(model);
            String id = engine().start(new StartRequest(Optional.empty(), "advice.bas", DIALOG, Map.of()))
                    .executionId();

            // Both tools ran as children and the second turn's EffectStarted is committed: the worker
            // now waits inside LLM for the withheld answer.
            awaitRequests(model, 2);
            await(id, view -> events(id, "EffectStarted").size() == 2, "asking the model the second time");
            assertThat(events(id, "ChildCompleted")).hasSize(2);
            first.killHard();

            worker(model);
            awaitStatus(id, ExecutionStatus.WAITING_INPUT);
            engine().deliverInput(id, "thanks");
            awaitStatus(id, ExecutionStatus.COMPLETED);

            // The first turn was asked once; the second turn twice (at least once), with the same exchange.
            assertThat(model.requests()).hasSize(3);
            assertThat(FakeModelServer.messages(model.requests().get(2)))
                    .isEqualTo(FakeModelServer.messages(model.requests().get(1)))
                    .contains("tool: Sunny, 24 C in Lisbon", "tool: Sunny, 24 C in Porto");
            // Each tool call ran exactly once, as its own child execution.
            assertThat(events(id, "ChildStarted")).hasSize(2);
            // (a child's id is the parent's, "~", and the sequence number of its ChildStarted)
            assertThat(events(id, "ChildStarted"))
                    .allSatisfy(started -> assertThat(engine().find(id + "~" + started.seq()))
                            .hasValueSatisfying(
                                    child -> assertThat(child.status()).isEqualTo(ExecutionStatus.COMPLETED)));
            // The user saw one answer.
            assertThat(messages(id)).containsExactly("A t-shirt: it is sunny in both.", "Have a good day!");
        }
    }

    @Test
    void killedAfterTheToolCallsWereRecordedTheModelIsNotAskedForThemAgain() {
        try (FakeModelServer model = FakeModelServer.start()) {
            model.toolCall("weather", "{\"city\":\"Faro\"}").answer("Shorts.");
            ChildJvm first = worker(model);
            String id = engine().start(new StartRequest(Optional.empty(), "advice.bas", DIALOG, Map.of()))
                    .executionId();
            awaitStatus(id, ExecutionStatus.WAITING_INPUT);
            first.killHard();

            worker(model);
            engine().deliverInput(id, "ok");
            awaitStatus(id, ExecutionStatus.COMPLETED);

            assertThat(model.requests()).hasSize(2);
            assertThat(events(id, "ChildStarted")).hasSize(1);
            assertThat(messages(id)).containsExactly("Shorts.", "Have a good day!");
        }
    }

    private ExecutionView await(String id, Predicate<ExecutionView> condition, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        ExecutionView view = null;
        while (System.nanoTime() < deadline) {
            view = engine().find(id).orElseThrow();
            if (condition.test(view)) {
                return view;
            }
            sleep(20);
        }
        throw new AssertionError("execution " + id + " is not " + what + " within " + TIMEOUT + ": " + view
                + "\nevents: "
                + engine().history(id, 0, 10_000).stream().map(EventView::type).toList()
                + "\nchildren's output:\n"
                + children.stream().map(ChildJvm::output).reduce("", (a, b) -> a + "\n---\n" + b));
    }

    private void awaitStatus(String id, ExecutionStatus... statuses) {
        Set<ExecutionStatus> wanted = Set.of(statuses);
        await(id, view -> wanted.contains(view.status()), "in " + wanted);
    }

    private void awaitRequests(FakeModelServer model, int count) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (model.requests().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the model got " + model.requests().size() + " requests, not " + count);
            }
            sleep(20);
        }
    }

    private List<EventView> events(String id, String type) {
        return engine().history(id, 0, 10_000).stream()
                .filter(event -> event.type().equals(type))
                .toList();
    }

    private List<String> messages(String id) {
        return engine().messages(id, 0, 10_000, Duration.ZERO).stream()
                .map(MessageView::text)
                .toList();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
