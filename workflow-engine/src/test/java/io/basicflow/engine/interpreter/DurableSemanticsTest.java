package io.basicflow.engine.interpreter;

import static io.basicflow.engine.testing.Build.add;
import static io.basicflow.engine.testing.Build.lit;
import static io.basicflow.engine.testing.Build.program;
import static io.basicflow.engine.testing.Build.steps;
import static io.basicflow.engine.testing.Build.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.json.EngineJson;
import io.basicflow.engine.program.ProgramIndex;
import io.basicflow.engine.state.ChildRequest;
import io.basicflow.engine.state.ChildResult;
import io.basicflow.engine.state.ExecutionError;
import io.basicflow.engine.state.ExecutionSnapshot;
import io.basicflow.engine.state.ExecutionStatus;
import io.basicflow.engine.state.PendingWait;
import io.basicflow.engine.testing.Build;
import io.basicflow.engine.testing.Harness;
import io.basicflow.engine.testing.ParkingJournal;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.program.Program;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.TextValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What the durable mode relies on: an execution parks with its whole continuation as data, resumes
 * from a JSON snapshot, and its events fold into that snapshot.
 */
class DurableSemanticsTest {

    private final Harness harness = new Harness();
    private final ParkingJournal journal = new ParkingJournal();

    /** Saves the state as a durable run would and reads it back. */
    private static ExecutionState reload(ExecutionState state) {
        return ExecutionState.restore(EngineJson.readSnapshot(EngineJson.write(state.snapshot())));
    }

    private void assertFoldMatches(ExecutionState state) {
        assertThat(io.basicflow.engine.interpreter.StateFold.fold(journal.events))
                .isEqualTo(state.snapshot());
    }

    @Test
    void aHearInsideASubInsideALoopParksAndResumesFromJson() {
        Build b = new Build();
        Program program = program(
                "survey.bas",
                steps(
                        b.forRange("i", lit(1), lit(2), b.callSub("ask", v("i"))),
                        b.talk(add(lit("last: "), v("answer"))),
                        b.ret(v("answer"))),
                b.sub(
                        "ask",
                        List.of("n"),
                        b.talk(add(lit("question "), v("n"))),
                        b.hear("answer"),
                        b.talk(add(lit("got "), v("answer")))));
        ProgramIndex index = ProgramIndex.of(program);
        ExecutionState state = harness.interpreter.start(index, "exec-9", Map.of(), journal);

        Outcome first = harness.interpreter.run(index, state, journal, Limits.DEFAULT);

        assertThat(first).isInstanceOf(Outcome.WaitingInput.class);
        assertThat(((Outcome.WaitingInput) first).request().variable()).isEqualTo("answer");
        assertThat(state.status()).isEqualTo(ExecutionStatus.WAITING_INPUT);
        assertThat(state.snapshot().frames()).hasSize(3); // body, FOR body, SUB call
        assertFoldMatches(state);

        state = reload(state);
        journal.inbox.add("yes");
        Outcome second = harness.interpreter.run(index, state, journal, Limits.DEFAULT);
        assertThat(second).isInstanceOf(Outcome.WaitingInput.class);
        assertFoldMatches(state);

        state = reload(state);
        journal.inbox.add("no");
        Outcome third = harness.interpreter.run(index, state, journal, Limits.DEFAULT);

        assertThat(third).isEqualTo(new Outcome.Completed(Optional.of(new TextValue("no"))));
        assertThat(journal.messages()).containsExactly("question 1", "got yes", "question 2", "got no", "last: no");
        assertThat(state.snapshot().variable("n"))
                .as("a SUB parameter is local")
                .isEqualTo(io.basicflow.spi.value.NullValue.NULL);
        assertFoldMatches(state);
    }

    @Test
    void aRetryBackoffParksUntilItsTimeAndKeepsTheIdempotencyKey() {
        Build b = new Build();
        Program program = program(
                "fetch.bas",
                steps(
                        b.invoke("FETCH", Optional.of("r"), Map.of("what", lit("news"), "failures", lit(1))),
                        b.ret(v("r"))));
        ProgramIndex index = ProgramIndex.of(program);
        ExecutionState state = harness.interpreter.start(index, "exec-2", Map.of(), journal);

        Outcome first = harness.interpreter.run(index, state, journal, Limits.DEFAULT);

        Instant retryAt = harness.time.instant().plusSeconds(1);
        assertThat(first).isEqualTo(new Outcome.WaitingTimer(retryAt));
        assertThat(state.pending()).get().isInstanceOf(PendingWait.EffectRetry.class);
        assertThat(state.status()).isEqualTo(ExecutionStatus.WAITING_TIMER);
        assertFoldMatches(state);

        state = reload(state);
        assertThat(harness.interpreter.run(index, state, journal, Limits.DEFAULT))
                .as("not yet due")
                .isEqualTo(new Outcome.WaitingTimer(retryAt));
        harness.time.advance(Duration.ofSeconds(1));
        Outcome second = harness.interpreter.run(index, state, journal, Limits.DEFAULT);

        assertThat(second).isEqualTo(new Outcome.Completed(Optional.of(new TextValue("news after 2 attempt(s)"))));
        List<Invocation> calls = harness.plugin.calls;
        assertThat(calls).extracting(Invocation::attempt).containsExactly(1, 2);
        assertThat(calls).extracting(Invocation::idempotencyKey).containsOnly("exec-2/2");
        assertThat(journal.events)
                .filteredOn(ExecutionEvent.EffectStarted.class::isInstance)
                .hasSize(2);
        assertFoldMatches(state);
    }

    @Test
    void anIdempotentEffectInterruptedByACrashRunsAgainWithTheSameKey() {
        Build b = new Build();
        Program program = program(
                "fetch.bas", steps(b.invoke("FETCH", Optional.of("r"), Map.of("what", lit("news"))), b.ret(v("r"))));
        ProgramIndex index = ProgramIndex.of(program);
        ExecutionState state = harness.interpreter.start(index, "exec-3", Map.of(), journal);
        harness.interpreter.run(index, state, journal, Limits.DEFAULT);
        // The process died after EffectStarted was committed: resume from the boundary's snapshot.
        ExecutionSnapshot atBoundary = journal.effectBoundaries.getFirst();
        assertThat(atBoundary.pending()).get().isInstanceOf(PendingWait.EffectInFlight.class);
        int eventsAtBoundary = (int) atBoundary.sequence();
        journal.events.subList(eventsAtBoundary, journal.events.size()).clear();

        ExecutionState resumed = ExecutionState.restore(EngineJson.readSnapshot(EngineJson.write(atBoundary)));
        Outcome outcome = harness.interpreter.run(index, resumed, journal, Limits.DEFAULT);

        assertThat(outcome).isEqualTo(new Outcome.Completed(Optional.of(new TextValue("news after 2 attempt(s)"))));
        assertThat(harness.plugin.calls).extracting(Invocation::idempotencyKey).containsExactly("exec-3/2", "exec-3/2");
        assertFoldMatches(resumed);
    }

    @Test
    void aFailedExecutionIsRetriedFromTheStepThatFailedWithANewKey() {
        Build b = new Build();
        Program program = program(
                "flaky.bas",
                steps(b.talk(lit("before")), b.invoke("BREAK", Optional.empty(), Map.of("reason", lit("down")))));
        ProgramIndex index = ProgramIndex.of(program);
        ExecutionState state = harness.interpreter.start(index, "exec-10", Map.of(), journal);
        assertThat(harness.interpreter.run(index, state, journal, Limits.DEFAULT))
                .isInstanceOf(Outcome.Failed.class);

        harness.interpreter.retry(state, journal, "operator");

        assertThat(journal.events.getLast()).isInstanceOf(ExecutionEvent.ExecutionRetried.class);
        assertThat(state.status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(state.error()).isEmpty();
        assertFoldMatches(state);
        ExecutionState resumed = reload(state);
        Outcome again = harness.interpreter.run(index, resumed, journal, Limits.DEFAULT);
        assertThat(again).isInstanceOf(Outcome.Failed.class);
        assertThat(harness.plugin.calls)
                .extracting(Invocation::idempotencyKey)
                .hasSize(2)
                .doesNotHaveDuplicates();
        assertThat(journal.events)
                .filteredOn(event -> event instanceof ExecutionEvent.MessageSent)
                .as("the step before the failure does not run again")
                .hasSize(1);
        assertFoldMatches(resumed);
    }

    @Test
    void onlyAFailedExecutionIsRetriedAndAFailedOneCanBeCancelled() {
        Build b = new Build();
        Program program = program("broken.bas", steps(b.invoke("BREAK", Optional.empty(), Map.of("reason", lit("x")))));
        ProgramIndex index = ProgramIndex.of(program);
        ExecutionState state = harness.interpreter.start(index, "exec-11", Map.of(), journal);
        assertThatThrownBy(() -> harness.interpreter.retry(state, journal, "early"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only a failed one can be retried");
        harness.interpreter.run(index, state, journal, Limits.DEFAULT);

        Outcome cancelled = harness.interpreter.cancel(state, journal, "giving up");

        assertThat(cancelled).isEqualTo(new Outcome.Cancelled("giving up"));
        assertThat(state.status()).isEqualTo(ExecutionStatus.CANCELLED);
        assertFoldMatches(state);
    }

    @Test
    void anAtMostOnceEffectInterruptedByACrashFailsWithOutcomeUnknown() {
        Build b = new Build();
        Program program = program("pay.bas", steps(b.invoke("CHARGE", Optional.empty(), Map.of("amount", lit(10)))));
        ProgramIndex index = ProgramIndex.of(program);
        ExecutionState state = harness.interpreter.start(index, "exec-4", Map.of(), journal);
        harness.interpreter.run(index, state, journal, Limits.DEFAULT);
        ExecutionSnapshot atBoundary = journal.effectBoundaries.getFirst();
        journal.events
                .subList((int) atBoundary.sequence(), journal.events.size())
                .clear();

        ExecutionState resumed = ExecutionState.restore(atBoundary);
        Outcome outcome = harness.interpreter.run(index, resumed, journal, Limits.DEFAULT);

        assertThat(outcome).isInstanceOf(Outcome.Failed.class);
        ExecutionError error = ((Outcome.Failed) outcome).error();
        assertThat(error.kind()).isEqualTo(ExecutionError.Kind.KEYWORD);
        assertThat(error.message()).startsWith("pay.bas:1:1: CHARGE: outcome unknown");
        assertThat(harness.plugin.calls).as("never called twice").hasSize(1);
        assertThat(resumed.snapshot().frames().getLast().index())
                .as("cursor stays on the step")
                .isZero();
        assertFoldMatches(resumed);
    }

    @Test
    void aWaitParksUntilItsWakeTime() {
        Build b = new Build();
        Program program =
                program("nap.bas", steps(b.talk(lit("before")), b.waitSeconds(lit(90)), b.talk(lit("after"))));
        ProgramIndex index = ProgramIndex.of(program);
        ExecutionState state = harness.interpreter.start(index, "exec-5", Map.of(), journal);

        Outcome first = harness.interpreter.run(index, state, journal, Limits.DEFAULT);

        Instant wakeAt = harness.time.instant().plusSeconds(90);
        assertThat(first).isEqualTo(new Outcome.WaitingTimer(wakeAt));
        assertThat(state.pending()).contains(new PendingWait.Timer(wakeAt));
        state = reload(state);
        harness.time.advance(Duration.ofSeconds(90));
        Outcome second = harness.interpreter.run(index, state, journal, Limits.DEFAULT);

        assertThat(second).isEqualTo(new Outcome.Completed(Optional.empty()));
        assertThat(journal.messages()).containsExactly("before", "after");
        assertThat(journal.events)
                .filteredOn(ExecutionEvent.TimerFired.class::isInstance)
                .hasSize(1);
        assertFoldMatches(state);
    }

    @Test
    void aChildResultIsDeliveredThroughTheJournal() {
        Build b = new Build();
        Program program = program("main.bas", steps(b.callScript("child.bas"), b.talk(lit("back"))));
        ProgramIndex index = ProgramIndex.of(program);
        ExecutionState state = harness.interpreter.start(index, "exec-6", Map.of(), journal);

        Outcome first = harness.interpreter.run(index, state, journal, Limits.DEFAULT);

        assertThat(first)
                .isEqualTo(new Outcome.WaitingChild(
                        new ChildRequest(ChildRequest.Kind.SCRIPT, "child.bas", "main.bas", List.of())));
        state = reload(state);
        assertThat(harness.interpreter.run(index, state, journal, Limits.DEFAULT))
                .isInstanceOf(Outcome.WaitingChild.class);
        journal.childResult = new ChildResult.Returned(Optional.of(IntegerValue.of(1)));
        Outcome second = harness.interpreter.run(index, state, journal, Limits.DEFAULT);

        assertThat(second).isEqualTo(new Outcome.Completed(Optional.empty()));
        assertThat(journal.messages()).containsExactly("back");
        assertThat(journal.events)
                .filteredOn(ExecutionEvent.ChildStarted.class::isInstance)
                .hasSize(1);
        assertFoldMatches(state);
    }

    @Test
    void aFailedChildFailsItsParent() {
        Build b = new Build();
        Program program = program("main.bas", steps(b.callScript("child.bas")));
        ProgramIndex index = ProgramIndex.of(program);
        ExecutionState state = harness.interpreter.start(index, "exec-7", Map.of(), journal);
        harness.interpreter.run(index, state, journal, Limits.DEFAULT);
        journal.childResult = new ChildResult.Failed("child.bas:3:1: division by zero in '1 / 0'");

        Outcome outcome = harness.interpreter.run(index, state, journal, Limits.DEFAULT);

        assertThat(outcome).isInstanceOf(Outcome.Failed.class);
        assertThat(((Outcome.Failed) outcome).error().message())
                .isEqualTo("main.bas:1:1: CALL \"child.bas\" failed: child.bas:3:1: division by zero in '1 / 0'");
        assertFoldMatches(state);
    }

    @Test
    void aWaitingExecutionCanBeCancelled() {
        Build b = new Build();
        Program program = program("ask.bas", steps(b.hear("x"), b.talk(lit("never"))));
        ProgramIndex index = ProgramIndex.of(program);
        ExecutionState state = harness.interpreter.start(index, "exec-8", Map.of(), journal);
        harness.interpreter.run(index, state, journal, Limits.DEFAULT);

        Outcome outcome = harness.interpreter.cancel(state, journal, "user left");

        assertThat(outcome).isEqualTo(new Outcome.Cancelled("user left"));
        assertThat(state.status()).isEqualTo(ExecutionStatus.CANCELLED);
        assertThat(state.pending()).isEmpty();
        journal.inbox.add("late");
        assertThat(harness.interpreter.run(index, state, journal, Limits.DEFAULT))
                .isInstanceOf(Outcome.Cancelled.class);
        assertThat(journal.messages()).isEmpty();
        assertFoldMatches(state);
    }

    @Test
    void aStateIsNotResumedWithAProgramOfAnotherShape() {
        Build b = new Build();
        Program original = program("a.bas", steps(b.hear("x")));
        Program edited = program("a.bas", steps(b.talk(lit("hi")), b.hear("x")));
        ExecutionState state = harness.interpreter.start(ProgramIndex.of(original), "exec-10", Map.of(), journal);

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> harness.interpreter.run(ProgramIndex.of(edited), state, journal, Limits.DEFAULT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exact script version");
    }

    @Test
    void aFailingJournalPropagatesInsteadOfFailingTheExecution() {
        Build b = new Build();
        Program program = program("a.bas", steps(b.talk(lit("one")), b.talk(lit("two"))));
        ProgramIndex index = ProgramIndex.of(program);
        ParkingJournal failing = new ParkingJournal() {
            @Override
            public void record(ExecutionEvent event) {
                if (event instanceof ExecutionEvent.MessageSent message
                        && message.text().equals("two")) {
                    throw new IllegalStateException("database connection lost");
                }
                super.record(event);
            }
        };
        ExecutionState state = harness.interpreter.start(index, "exec-11", Map.of(), failing);

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> harness.interpreter.run(index, state, failing, Limits.DEFAULT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("database connection lost");
        assertThat(failing.events).noneMatch(ExecutionEvent.ExecutionFailed.class::isInstance);
    }
}
