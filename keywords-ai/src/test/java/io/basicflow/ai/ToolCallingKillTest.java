package io.basicflow.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.persistence.WorkerMain;
import io.basicflow.persistence.testing.ChildJvm;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.persistence.testing.WorkerKillHarness;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
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
    private WorkerKillHarness harness;

    @TempDir
    Path tools;

    ToolCallingKillTest(TestDatabase testDatabase) {
        this.testDatabase = testDatabase;
    }

    @BeforeEach
    void startApi() throws IOException {
        ToolCallingTest.writeTools(tools);
        harness = WorkerKillHarness.start(testDatabase, TIMEOUT);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private ChildJvm worker(FakeModelServer model) {
        return harness.worker(
                "basicflow.scripts.dir=" + tools,
                "basicflow.tools.folder=" + tools,
                "basicflow.ai.base-url=" + model.baseUrl(),
                "basicflow.ai.model=small-model",
                // Long enough that the first worker still waits for the withheld answer when it is killed.
                "basicflow.ai.timeout-ms=120000");
    }

    @Test
    void killedWhileTheModelReadsTheToolResultsResumesWithoutRunningTheToolsAgain() {
        try (FakeModelServer model = FakeModelServer.start()) {
            model.toolCalls("weather", "{\"city\":\"Lisbon\"}", "weather", "{\"city\":\"Porto\"}")
                    .hang()
                    .answer("A t-shirt: it is sunny in both.");
            ChildJvm first = worker(model);
            String id = harness.start("advice.bas", DIALOG);

            // Both tools ran as children and the second turn's EffectStarted is committed: the worker
            // now waits inside LLM for the withheld answer.
            awaitRequests(model, 2);
            harness.await(
                    id, view -> harness.events(id, "EffectStarted").size() == 2, "asking the model the second time");
            assertThat(harness.events(id, "ChildCompleted")).hasSize(2);
            first.killHard();

            worker(model);
            harness.awaitStatus(id, ExecutionStatus.WAITING_INPUT);
            harness.engine().deliverInput(id, "thanks");
            harness.awaitStatus(id, ExecutionStatus.COMPLETED);

            // The first turn was asked once; the second turn twice (at least once), with the same exchange.
            assertThat(model.requests()).hasSize(3);
            assertThat(FakeModelServer.messages(model.requests().get(2)))
                    .isEqualTo(FakeModelServer.messages(model.requests().get(1)))
                    .contains("tool: Sunny, 24 C in Lisbon", "tool: Sunny, 24 C in Porto");
            // Each tool call ran exactly once, as its own child execution.
            assertThat(harness.events(id, "ChildStarted")).hasSize(2);
            // (a child's id is the parent's, "~", and the sequence number of its ChildStarted)
            assertThat(harness.events(id, "ChildStarted"))
                    .allSatisfy(started -> assertThat(harness.engine().find(id + "~" + started.seq()))
                            .hasValueSatisfying(
                                    child -> assertThat(child.status()).isEqualTo(ExecutionStatus.COMPLETED)));
            // The user saw one answer.
            assertThat(harness.messages(id)).containsExactly("A t-shirt: it is sunny in both.", "Have a good day!");
        }
    }

    @Test
    void killedAfterTheToolCallsWereRecordedTheModelIsNotAskedForThemAgain() {
        try (FakeModelServer model = FakeModelServer.start()) {
            model.toolCall("weather", "{\"city\":\"Faro\"}").answer("Shorts.");
            ChildJvm first = worker(model);
            String id = harness.start("advice.bas", DIALOG);
            harness.awaitStatus(id, ExecutionStatus.WAITING_INPUT);
            first.killHard();

            worker(model);
            harness.engine().deliverInput(id, "ok");
            harness.awaitStatus(id, ExecutionStatus.COMPLETED);

            assertThat(model.requests()).hasSize(2);
            assertThat(harness.events(id, "ChildStarted")).hasSize(1);
            assertThat(harness.messages(id)).containsExactly("Shorts.", "Have a good day!");
        }
    }

    private void awaitRequests(FakeModelServer model, int count) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (model.requests().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the model got " + model.requests().size() + " requests, not " + count);
            }
            WorkerKillHarness.sleep(20);
        }
    }
}
