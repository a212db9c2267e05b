package io.basicflow.durable;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.engine.direct.ScriptResolver;
import io.basicflow.engine.durable.ChildScripts;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.ReplayVerification;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.TextValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code WAIT FOR EVENT} and {@code PUBLISH EVENT} durably: an event reaches the waiters of its
 * conversation (the orchestration and its bots) once, not other conversations; one published before
 * the wait began is not seen; the timeout ends a wait with {@code NULL}; an event from the API reaches
 * one conversation or all of them.
 */
@ExtendWith({PostgresExtension.class, ReplayVerification.class})
class EventsTest {

    @Test
    void aBotPublishesToTheBranchThatWaitsInTheSameOrchestration(TestDatabase database, @TempDir Path scripts)
            throws IOException {
        Files.createDirectories(scripts.resolve("waiter"));
        Files.createDirectories(scripts.resolve("publisher"));
        Files.writeString(scripts.resolve("waiter/start.bas"), """
                got = WAIT FOR EVENT "go" TIMEOUT 60
                RETURN { received: got }
                """);
        // An event published before the wait starts is not kept, and the waiter's child may start late
        // on a loaded machine: the publisher publishes a few times (a later publish finds no waiter).
        Files.writeString(scripts.resolve("publisher/start.bas"), """
                FOR i = 1 TO 12
                    WAIT 0.5
                    PUBLISH EVENT "go" WITH 40 + 2
                NEXT
                RETURN "published"
                """);
        try (DurableFixture engine = DurableFixture.builder(database)
                .children(ChildScripts.from(ScriptResolver.directory(scripts)))
                .start()) {
            String other =
                    engine.start("other.bas", "#workflow\nx = WAIT FOR EVENT \"go\" TIMEOUT 2\nRETURN x\n", Map.of());
            String id = engine.start("o.bas", """
                    ORCHESTRATE WORKFLOW "events"
                    STEP 1: PARALLEL
                      BRANCH A: BOT "waiter" "wait"
                      BRANCH B: BOT "publisher" "publish"
                    END PARALLEL
                    RETURN received + 1
                    """, Map.of());

            ExecutionView done = engine.awaitStatus(id, ExecutionStatus.COMPLETED);
            assertThat(done.result()).contains(IntegerValue.of(43));
            assertThat(done.variables()).containsEntry("result_b", new TextValue("published"));
            // Another conversation waiting for the same name is not woken: it times out with NULL.
            ExecutionView timedOut = engine.awaitStatus(other, ExecutionStatus.COMPLETED);
            assertThat(timedOut.result()).isEmpty();
        }
    }

    @Test
    void anEventBeforeTheWaitIsNotSeenAndTheApiPublishesToOneOrEveryConversation(TestDatabase database) {
        try (DurableFixture engine = DurableFixture.builder(database).start()) {
            String early = engine.start("early.bas", """
                    #workflow
                    PUBLISH EVENT "ready" WITH "mine"
                    got = WAIT FOR EVENT "ready" TIMEOUT 600
                    RETURN got
                    """, Map.of());
            String first = engine.start("b1.bas", "#workflow\nWAIT FOR EVENT \"broadcast\"\nRETURN event\n", Map.of());
            String second = engine.start("b2.bas", "#workflow\nWAIT FOR EVENT \"broadcast\"\nRETURN event\n", Map.of());
            engine.awaitStatus(early, ExecutionStatus.WAITING_TIMER);
            engine.awaitStatus(first, ExecutionStatus.WAITING_TIMER);
            engine.awaitStatus(second, ExecutionStatus.WAITING_TIMER);

            assertThat(engine.engine().publishEvent(Optional.of(early), "ready", new TextValue("from api"), "k1"))
                    .isEqualTo(1);
            assertThat(engine.awaitStatus(early, ExecutionStatus.COMPLETED).result())
                    .contains(new TextValue("from api"));
            // The same key again publishes nothing.
            assertThat(engine.engine().publishEvent(Optional.empty(), "ready", new TextValue("again"), "k1"))
                    .isZero();

            assertThat(engine.engine().publishEvent(Optional.empty(), "broadcast", IntegerValue.of(5), "k2"))
                    .isEqualTo(2);
            assertThat(engine.awaitStatus(first, ExecutionStatus.COMPLETED).result())
                    .contains(IntegerValue.of(5));
            assertThat(engine.awaitStatus(second, ExecutionStatus.COMPLETED).result())
                    .contains(IntegerValue.of(5));
        }
    }
}
