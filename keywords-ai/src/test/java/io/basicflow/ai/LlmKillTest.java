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
    private final List<ChildJvm> children = new ArrayList<>();
    private Database database;
    private DurableRuntime api;

    LlmKillTest(TestDatabase testDatabase) {
        this.testDatabase = testDatabase;
    }

    @BeforeEach
    void startApi() {
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
                "basicflow.ai.base-url=" + model.baseUrl(),
                "basicflow.ai.model=small-model",
                // Long enough that the first worker still waits for the withheld answer when it is killed.
                "basicflow.ai.timeout-ms=120000");
        children.add(child);
        child.awaitLine(line -> line.startsWith("READY "), TIMEOUT);
        return child;
    }

    private String start() {
        return engine().start(new StartRequest(Optional.empty(), "travel.bas", DIALOG, Map.of()))
                .executionId();
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

    @Test
    void killedWhileTheModelAnswersItIsAskedAgainAndTheUserSeesOneAnswer() {
        try (FakeModelServer model = FakeModelServer.start()) {
            model.hang().answer("Lisbon.");
            ChildJvm first = worker(model);
            String id = start();

            // The worker committed EffectStarted and waits inside LLM for the withheld answer.
            awaitRequests(model, 1);
            assertThat(events(id, "EffectStarted")).hasSize(1);
            assertThat(events(id, "EffectCompleted")).isEmpty();
            first.killHard();

            worker(model);
            awaitStatus(id, ExecutionStatus.WAITING_INPUT);
            engine().deliverInput(id, "thanks");
            awaitStatus(id, ExecutionStatus.COMPLETED);

            // Documented: a crash before the answer is recorded asks once more (at least once).
            assertThat(model.requests()).hasSize(2);
            assertThat(FakeModelServer.messages(model.requests().get(0)))
                    .isEqualTo(FakeModelServer.messages(model.requests().get(1)));
            assertThat(events(id, "EffectCompleted")).hasSize(1);
            assertThat(messages(id)).containsExactly("Lisbon.", "Have a good trip!");
        }
    }

    @Test
    void killedAfterTheAnswerWasRecordedItIsNeverAskedAgain() {
        try (FakeModelServer model = FakeModelServer.start()) {
            model.answer("Porto.");
            ChildJvm first = worker(model);
            String id = start();
            awaitStatus(id, ExecutionStatus.WAITING_INPUT);
            assertThat(messages(id)).containsExactly("Porto.");
            first.killHard();

            worker(model);
            engine().deliverInput(id, "sounds good");
            awaitStatus(id, ExecutionStatus.COMPLETED);

            assertThat(model.requests()).hasSize(1);
            assertThat(messages(id)).containsExactly("Porto.", "Have a good trip!");
            assertThat(events(id, "EffectStarted")).hasSize(1);
        }
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
