package io.basicflow.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.StartRequest;
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
 * The exchanges kept for {@code BOT REFLECTION INSIGHTS()} and the analysis itself survive a real
 * {@code kill -9} of the worker JVM: a second worker resumes the dialog, analyses the exchanges the first
 * one recorded, and an analysis already recorded is never asked for again.
 */
@ExtendWith(PostgresExtension.class)
class ReflectionKillTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String DIALOG = """
            #workflow
            BOT REFLECTION ON "user_satisfaction"
            a = LLM "Suggest a city"
            TALK a
            b = LLM "Suggest a hotel"
            TALK b
            HEAR reply
            insights = BOT REFLECTION INSIGHTS()
            TALK "score " + insights.qualityScore + ", satisfaction " + insights.userSatisfaction
            HEAR reply
            TALK "bye"
            """;

    private static final String ANALYSIS = "{\"qualityScore\": 0.9, \"metrics\": {\"user_satisfaction\": 0.8}}";

    private final TestDatabase testDatabase;
    private WorkerKillHarness harness;

    ReflectionKillTest(TestDatabase testDatabase) {
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
                "basicflow.ai.timeout-ms=120000");
    }

    private String start() {
        return harness.engine()
                .start(new StartRequest(Optional.empty(), "reflect.bas", DIALOG, Map.of()))
                .executionId();
    }

    @Test
    void killedBeforeAndAfterTheAnalysisTheExchangesAndTheInsightsAreKept() {
        try (FakeModelServer model = FakeModelServer.start()) {
            model.answer("Lisbon.").answer("Hotel Azul.").answer(ANALYSIS);
            ChildJvm first = worker(model);
            String id = start();
            harness.awaitStatus(id, ExecutionStatus.WAITING_INPUT);
            assertThat(harness.messages(id)).containsExactly("Lisbon.", "Hotel Azul.");
            first.killHard(); // the two exchanges live only in the recorded events now

            ChildJvm second = worker(model);
            harness.engine().deliverInput(id, "thanks");
            harness.awaitStatus(id, ExecutionStatus.WAITING_INPUT);
            assertThat(harness.messages(id)).containsExactly("Lisbon.", "Hotel Azul.", "score 0.9, satisfaction 0.8");
            second.killHard(); // the analysis is recorded: never asked again

            worker(model);
            harness.engine().deliverInput(id, "ok");
            harness.awaitStatus(id, ExecutionStatus.COMPLETED);

            assertThat(model.requests()).hasSize(3);
            assertThat(FakeModelServer.messages(model.requests().get(2)).get(1))
                    .contains("User: Suggest a city\nBot: Lisbon.\n")
                    .contains("User: Suggest a hotel\nBot: Hotel Azul.\n");
            assertThat(harness.messages(id))
                    .containsExactly("Lisbon.", "Hotel Azul.", "score 0.9, satisfaction 0.8", "bye");
        }
    }
}
