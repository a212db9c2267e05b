package io.basicflow.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.engine.api.EventView;
import io.basicflow.engine.api.ExecutionNotFoundException;
import io.basicflow.engine.api.ExecutionStateException;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.engine.direct.ScriptResolver;
import io.basicflow.engine.durable.ChildScripts;
import io.basicflow.persistence.testing.CountingPlugin;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.ReplayVerification;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.spi.Invocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Cancelling waiting, running, failed and parent executions; retrying failed ones. */
@ExtendWith({PostgresExtension.class, ReplayVerification.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CancelAndRetryTest {

    private final CountingPlugin plugin = new CountingPlugin();
    private DurableFixture engine;

    @BeforeAll
    void start(TestDatabase database, @TempDir Path scripts) throws IOException {
        Files.writeString(scripts.resolve("ask.bas"), "HEAR answer\nRETURN answer\n");
        engine = DurableFixture.builder(database)
                .plugins(plugin)
                .children(ChildScripts.from(ScriptResolver.directory(scripts)))
                .start();
    }

    @AfterAll
    void stop() {
        engine.close();
    }

    @Test
    void aWaitingExecutionIsCancelledAtOnce() {
        String id = engine.start("#workflow\nHEAR x\nTALK x\n");
        engine.awaitStatus(id, ExecutionStatus.WAITING_INPUT);

        engine.engine().cancel(id, "the user left");

        assertThat(engine.engine().find(id).orElseThrow().status()).isEqualTo(ExecutionStatus.CANCELLED);
        List<EventView> history = engine.engine().history(id, 0, 100);
        assertThat(history.getLast().type()).isEqualTo("ExecutionCancelled");
        assertThat(history.getLast().summary()).isEqualTo("cancelled: the user left");
        assertThatThrownBy(() -> engine.engine().deliverInput(id, "too late"))
                .isInstanceOf(ExecutionStateException.class);
        assertThatThrownBy(() -> engine.engine().cancel(id, "again"))
                .isInstanceOf(ExecutionStateException.class)
                .hasMessageContaining("CANCELLED");
    }

    @Test
    void aRunningExecutionIsCancelledAtItsNextCommit() {
        // The loop after the handler commits every checkpoint: the first commit sees the request.
        String id = engine.start(
                "#workflow\nBLOCK \"cancel-me\"\nFOR i = 1 TO 5000\n  x = i\nNEXT\n" + "TALK \"should not be said\"\n");
        plugin.awaitBlocked("cancel-me");

        engine.engine().cancel(id, "operator");
        assertThat(engine.engine().find(id).orElseThrow().status()).isEqualTo(ExecutionStatus.RUNNING);
        plugin.release("cancel-me");

        ExecutionView cancelled = engine.awaitStatus(id, ExecutionStatus.CANCELLED);
        assertThat(engine.messages(id)).isEmpty();
        assertThat(engine.engine().history(id, cancelled.lastSeq() - 1, 10))
                .extracting(EventView::summary)
                .containsExactly("cancelled: operator");
    }

    @Test
    void cancellingAParentCancelsTheChildItWaitsFor() {
        String parent = engine.start("#workflow\nCALL \"ask.bas\"\nTALK \"after\"\n");
        ExecutionView waiting = engine.awaitStatus(parent, ExecutionStatus.WAITING_CHILD);
        String child = parent + "~2";
        assertThat(waiting.waitingFor()).contains("CALL \"ask.bas\" (execution " + child + ")");
        engine.awaitStatus(child, ExecutionStatus.WAITING_INPUT);

        engine.engine().cancel(parent, "stop");

        assertThat(engine.engine().find(parent).orElseThrow().status()).isEqualTo(ExecutionStatus.CANCELLED);
        assertThat(engine.engine().find(child).orElseThrow().status()).isEqualTo(ExecutionStatus.CANCELLED);
        assertThat(engine.messages(parent)).isEmpty();
    }

    @Test
    void inputForAParentGoesToTheChildThatAsks() {
        String parent = engine.start("#workflow\nr = USE TOOL \"ask\"\nTALK \"child said \" + r\n");
        engine.awaitStatus(parent + "~2", ExecutionStatus.WAITING_INPUT);

        engine.engine().deliverInput(parent, "forty-two");

        engine.awaitStatus(parent, ExecutionStatus.COMPLETED);
        assertThat(engine.messages(parent)).containsExactly("child said forty-two");
        assertThat(engine.engine().find(parent + "~2").orElseThrow().parentId()).contains(parent);
    }

    @Test
    void aFailedExecutionIsRetriedFromTheStepThatFailed() {
        String id = engine.start("#workflow\nTALK \"before\"\nREQUIRE \"stock\"\nTALK \"after\"\n");
        ExecutionView failed = engine.awaitStatus(id, ExecutionStatus.FAILED);
        assertThat(failed.error().orElseThrow().message()).contains("REQUIRE failed: stock is not ready");

        plugin.ready("stock");
        engine.engine().retry(id);

        ExecutionView done = engine.awaitStatus(id, ExecutionStatus.COMPLETED);
        assertThat(done.error()).isEmpty();
        assertThat(engine.messages(id)).containsExactly("before", "after");
        List<Invocation> calls = plugin.callsOfKeyword("REQUIRE").stream()
                .filter(call -> call.executionId().equals(id))
                .toList();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).idempotencyKey()).isNotEqualTo(calls.get(1).idempotencyKey());
        assertThat(engine.engine().history(id, 0, 100))
                .extracting(EventView::type)
                .contains("ExecutionRetried");
    }

    @Test
    void onlyAFailedExecutionIsRetriedAndAFailedOneMayBeCancelled() {
        String id = engine.start("#workflow\nBREAK \"no\"\n");
        engine.awaitStatus(id, ExecutionStatus.FAILED);
        String waiting = engine.start("#workflow\nHEAR x\n");
        engine.awaitStatus(waiting, ExecutionStatus.WAITING_INPUT);

        assertThatThrownBy(() -> engine.engine().retry(waiting))
                .isInstanceOf(ExecutionStateException.class)
                .hasMessageContaining("only a FAILED execution can be retried");
        engine.engine().cancel(id, "giving up");

        assertThat(engine.engine().find(id).orElseThrow().status()).isEqualTo(ExecutionStatus.CANCELLED);
        assertThatThrownBy(() -> engine.engine().retry("nobody")).isInstanceOf(ExecutionNotFoundException.class);
        assertThatThrownBy(() -> engine.engine().cancel("nobody", "x")).isInstanceOf(ExecutionNotFoundException.class);
    }
}
