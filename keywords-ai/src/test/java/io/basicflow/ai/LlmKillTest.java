package io.basicflow.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.StartRequest;
import io.basicflow.persistence.WorkerMain;
import io.basicflow.persistence.testing.ChildJvm;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.persistence.testing.WorkerKillHarness;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A durable dialog that asks the model, tells the user, then waits — across a real {@code kill -9} of
 * the worker JVM ({@link WorkerMain}, a child process on the test's PostgreSQL) and a second worker
 * that resumes it. The model is a local OpenAI-compatible server in this JVM.
 */
@ExtendWith(PostgresExtension.class)
class LlmKillTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String DIALOG = """
            #workflow
            BEGIN SYSTEM PROMPT
            You are a travel agent.
            END SYSTEM PROMPT
            tip = LLM "Suggest one city for a weekend trip"
            TALK tip
            HEAR reply
            TALK "Have a good trip!"
            """;

    private final TestDatabase testDatabase;
    private WorkerKillHarness harness;

    LlmKillTest(TestDatabase testDatabase) {
        this.testDatabase = testDatabase;
    }

    @BeforeEach
    void startApi() {
        harness = WorkerKillHarness.start(testDatabase, TIMEOUT);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private ChildJvm worker(FakeModelServer model) {
        return harness.worker(
                "basicflow.ai.base-url=" + model.baseUrl(),
                "basicflow.ai.model=small-model",
                // Long enough that the first worker still waits for the withheld answer when it is killed.
                "basicflow.ai.timeout-ms=120000");
    }

    private String start() {
        return harness.engine()
                .start(new StartRequest(Optional.empty(), "travel.bas", DIALOG, Map.of()))
                .executionId();
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

    @Test
    void killedWhileTheModelAnswersItIsAskedAgainAndTheUserSeesOneAnswer() {
        try (FakeModelServer model = FakeModelServer.start()) {
            model.hang().answer("Lisbon.");
            ChildJvm first = worker(model);
            String id = start();

            // The worker committed EffectStarted and waits inside LLM for the withheld answer.
            awaitRequests(model, 1);
            assertThat(harness.events(id, "EffectStarted")).hasSize(1);
            assertThat(harness.events(id, "EffectCompleted")).isEmpty();
            first.killHard();

            worker(model);
            harness.awaitStatus(id, ExecutionStatus.WAITING_INPUT);
            harness.engine().deliverInput(id, "thanks");
            harness.awaitStatus(id, ExecutionStatus.COMPLETED);

            // Documented: a crash before the answer is recorded asks once more (at least once).
            assertThat(model.requests()).hasSize(2);
            assertThat(FakeModelServer.messages(model.requests().get(0)))
                    .isEqualTo(FakeModelServer.messages(model.requests().get(1)));
            assertThat(harness.events(id, "EffectCompleted")).hasSize(1);
            assertThat(harness.messages(id)).containsExactly("Lisbon.", "Have a good trip!");
        }
    }

    @Test
    void killedAfterTheAnswerWasRecordedItIsNeverAskedAgain() {
        try (FakeModelServer model = FakeModelServer.start()) {
            model.answer("Porto.");
            ChildJvm first = worker(model);
            String id = start();
            harness.awaitStatus(id, ExecutionStatus.WAITING_INPUT);
            assertThat(harness.messages(id)).containsExactly("Porto.");
            first.killHard();

            worker(model);
            harness.engine().deliverInput(id, "sounds good");
            harness.awaitStatus(id, ExecutionStatus.COMPLETED);

            assertThat(model.requests()).hasSize(1);
            assertThat(harness.messages(id)).containsExactly("Porto.", "Have a good trip!");
            assertThat(harness.events(id, "EffectStarted")).hasSize(1);
        }
    }
}
