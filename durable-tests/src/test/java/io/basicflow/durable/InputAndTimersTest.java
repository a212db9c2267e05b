package io.basicflow.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.engine.api.EventView;
import io.basicflow.engine.api.ExecutionNotFoundException;
import io.basicflow.engine.api.ExecutionStateException;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.engine.api.InputTooLargeException;
import io.basicflow.engine.store.ExecutionRecord;
import io.basicflow.persistence.testing.CountingPlugin;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.ReplayVerification;
import io.basicflow.persistence.testing.TestClock;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** HEAR parks and resumes, early input, typed input, timers, and the input that races a commit. */
@ExtendWith({PostgresExtension.class, ReplayVerification.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InputAndTimersTest {

    private final CountingPlugin plugin = new CountingPlugin();
    private final TestClock clock = TestClock.shifted();
    private TestDatabase database;
    private DurableFixture engine;

    @BeforeAll
    void start(TestDatabase testDatabase) {
        database = testDatabase;
        engine = DurableFixture.builder(database).plugins(plugin).clock(clock).start();
    }

    @AfterAll
    void stop() {
        engine.close();
    }

    @Test
    void aParkedExecutionHoldsNoThreadAndResumesInAnEngineStartedLater() {
        String id =
                engine.start("#workflow\nTALK \"hello\"\nHEAR name AS NAME WITH \"Your name?\"\nTALK \"Hi \" + name\n");
        ExecutionView waiting = engine.awaitStatus(id, ExecutionStatus.WAITING_INPUT);
        assertThat(waiting.waitingFor()).contains("HEAR name AS NAME (attempt 1 of 3)");
        engine.awaitNoActivation();

        // A new engine on the same database, as after a restart of the process.
        try (DurableFixture restarted =
                DurableFixture.builder(database).plugins(plugin).clock(clock).start()) {
            restarted.engine().deliverInput(id, "ana");
            ExecutionView done = restarted.awaitStatus(id, ExecutionStatus.COMPLETED);

            assertThat(done.variables()).containsEntry("name", new TextValue("Ana"));
            assertThat(restarted.messages(id)).containsExactly("hello", "Your name?", "Hi Ana");
        }
    }

    @Test
    void inputThatArrivesBeforeTheHearWaitsInTheInbox() {
        String id = engine.start("#workflow\nWAIT 600\nHEAR a\nHEAR b\nTALK a + \"/\" + b\n");
        engine.awaitStatus(id, ExecutionStatus.WAITING_TIMER);

        engine.engine().deliverInput(id, "first");
        engine.engine().deliverInput(id, "second");
        assertThat(engine.engine().find(id).orElseThrow().status()).isEqualTo(ExecutionStatus.WAITING_TIMER);
        clock.advance(Duration.ofSeconds(600));
        engine.workers().wakeUp();

        engine.awaitStatus(id, ExecutionStatus.COMPLETED);
        assertThat(engine.messages(id)).containsExactly("first/second");
        assertThat(types(id))
                .doesNotContain("InputRejected")
                .containsSubsequence("TimerFired", "InputReceived", "InputReceived");
    }

    @Test
    void typedHearAsksAgainAndGivesUpAfterTheLastAttempt() {
        String id = engine.start("#workflow\nHEAR age AS INTEGER WITH \"Age?\"\nIF age IS NULL THEN TALK \"no age\"\n");
        engine.awaitStatus(id, ExecutionStatus.WAITING_INPUT);

        engine.engine().deliverInput(id, "old");
        engine.engine().deliverInput(id, "very old");
        engine.engine().deliverInput(id, "ancient");

        ExecutionView done = engine.awaitStatus(id, ExecutionStatus.COMPLETED);
        assertThat(done.variables()).containsEntry("age", NullValue.NULL);
        List<String> messages = engine.messages(id);
        assertThat(messages.getFirst()).isEqualTo("Age?");
        assertThat(messages).hasSize(6).last().isEqualTo("no age");
        assertThat(messages.subList(1, 5)).containsExactly(messages.get(1), "Age?", messages.get(1), "Age?");
        assertThat(types(id)).containsSubsequence("InputRejected", "InputRejected", "InputRejected", "InputAbandoned");
    }

    @Test
    void aValidInputAfterAnInvalidOneIsTaken() {
        String id = engine.start("#workflow\nHEAR n AS INTEGER\nRETURN n * 2\n");
        engine.awaitStatus(id, ExecutionStatus.WAITING_INPUT);
        engine.engine().deliverInput(id, "twelve");
        engine.await(id, view -> view.waitingFor().orElse("").contains("attempt 2"), "waiting for attempt 2");

        engine.engine().deliverInput(id, "12");

        assertThat(engine.awaitStatus(id, ExecutionStatus.COMPLETED).result()).contains(IntegerValue.of(24));
    }

    @Test
    void waitIsADurableTimerThatHoldsNoThread() {
        String id = engine.start("#workflow\nTALK \"before\"\nWAIT 3600\nTALK \"after\"\n");
        ExecutionView waiting = engine.awaitStatus(id, ExecutionStatus.WAITING_TIMER);
        ExecutionRecord row = engine.store().find(id).orElseThrow();
        assertThat(row.wakeAt().orElseThrow()).isAfter(clock.instant().plus(Duration.ofMinutes(59)));
        assertThat(waiting.waitingFor().orElseThrow()).startsWith("WAIT until ");
        engine.awaitNoActivation();
        assertThat(engine.messages(id)).containsExactly("before");

        clock.advance(Duration.ofHours(1));
        engine.workers().wakeUp();

        engine.awaitStatus(id, ExecutionStatus.COMPLETED);
        assertThat(engine.messages(id)).containsExactly("before", "after");
    }

    @Test
    void aShortWaitEndsByItself() {
        String id = engine.start("#workflow\nWAIT 0.3\nTALK \"woke\"\n");

        engine.awaitStatus(id, ExecutionStatus.COMPLETED);

        assertThat(engine.messages(id)).containsExactly("woke");
        assertThat(types(id)).containsSubsequence("TimerStarted", "TimerFired");
    }

    @Test
    void inputDeliveredWhileTheActivationRunsIsNotLost() {
        String id = engine.start("#workflow\nBLOCK \"race\"\nHEAR x\nTALK \"got \" + x\n");
        plugin.awaitBlocked("race");
        // The activation claimed with an empty inbox and will park at the HEAR: the input arrives now.
        engine.engine().deliverInput(id, "late");
        assertThat(engine.engine().find(id).orElseThrow().status()).isEqualTo(ExecutionStatus.RUNNING);

        plugin.release("race");

        engine.awaitStatus(id, ExecutionStatus.COMPLETED);
        assertThat(engine.messages(id)).containsExactly("got late");
    }

    @Test
    void inputIsRefusedWhenItCannotBeUsed() {
        String done = engine.start("#workflow\nTALK \"bye\"\n");
        engine.awaitStatus(done, ExecutionStatus.COMPLETED);

        assertThatThrownBy(() -> engine.engine().deliverInput(done, "hello"))
                .isInstanceOf(ExecutionStateException.class)
                .hasMessageContaining("COMPLETED");
        assertThatThrownBy(() -> engine.engine().deliverInput("no-such-execution", "hello"))
                .isInstanceOf(ExecutionNotFoundException.class);
        assertThatThrownBy(() -> engine.engine().deliverInput(done, "x".repeat(64 * 1024 + 1)))
                .isInstanceOf(InputTooLargeException.class);
    }

    @Test
    void aNulCharacterInTheInputIsStoredAsAReplacementCharacter() {
        String id = engine.start("#workflow\nHEAR x\nTALK \"you said \" + x\n");
        engine.awaitStatus(id, ExecutionStatus.WAITING_INPUT);

        engine.engine().deliverInput(id, "a\u0000b");

        engine.awaitStatus(id, ExecutionStatus.COMPLETED);
        assertThat(engine.messages(id)).containsExactly("you said a\uFFFDb");
    }

    @Test
    void theHistoryReadsLikeTheScript() {
        String id = engine.start("#workflow\ntotal = 40 + 2\nTALK \"total: \" + total\nHEAR ok\n");
        engine.awaitStatus(id, ExecutionStatus.WAITING_INPUT);

        List<EventView> history = engine.engine().history(id, 0, 100);

        assertThat(history).extracting(EventView::seq).containsExactly(1L, 2L, 3L, 4L);
        assertThat(history)
                .extracting(EventView::summary)
                .containsExactly("started test.bas", "total = 40 + 2", "TALK \"total: 42\"", "HEAR ok (attempt 1)");
        assertThat(history).extracting(EventView::line).containsExactly(0, 2, 3, 4);
        assertThat(engine.engine().history(id, 2, 1))
                .extracting(EventView::type)
                .containsExactly("MessageSent");
        assertThat(history.get(1).at()).isBeforeOrEqualTo(Instant.now());
    }

    private List<String> types(String id) {
        return engine.engine().history(id, 0, 1000).stream()
                .map(EventView::type)
                .toList();
    }
}
