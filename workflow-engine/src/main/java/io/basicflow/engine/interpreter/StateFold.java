package io.basicflow.engine.interpreter;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.state.ChildResult;
import io.basicflow.engine.state.ExecutionSnapshot;
import io.basicflow.engine.state.ExecutionStatus;
import io.basicflow.engine.state.PendingWait;
import java.util.List;

/**
 * Rebuilds an execution's state from its events: the replay engine. Folding all events of a run from
 * its {@link ExecutionEvent.ExecutionStarted} gives exactly the state the live run had after its last
 * event; folding the events after a snapshot onto that snapshot gives the same.
 *
 * <p>Per event: the sequence number must follow the state's; the {@link
 * io.basicflow.engine.event.Delta} is applied (cursor, then variables, then tools); then the kind's
 * transition sets status, pending wait, result or error and counts completed steps. The live
 * interpreter runs the very same transition after each event it records, so the two cannot drift.
 */
public final class StateFold {

    private StateFold() {}

    /**
     * Folds a whole history.
     *
     * @param events the events from {@code ExecutionStarted} on, in order
     * @return the state after the last one
     * @throws IllegalStateException when the history is not well formed (does not start with {@code
     *     ExecutionStarted}, has a gap, or a delta that does not fit)
     */
    public static ExecutionSnapshot fold(List<? extends ExecutionEvent> events) {
        if (events.isEmpty() || !(events.getFirst() instanceof ExecutionEvent.ExecutionStarted started)) {
            throw new IllegalStateException("a history starts with ExecutionStarted");
        }
        ExecutionState state = start(started);
        for (int i = 1; i < events.size(); i++) {
            apply(state, events.get(i));
        }
        return state.snapshot();
    }

    /**
     * Folds events onto a snapshot.
     *
     * @param from the state before the first event
     * @param events the following events, in order
     * @return the state after the last one
     * @throws IllegalStateException when an event does not follow
     */
    public static ExecutionSnapshot fold(ExecutionSnapshot from, List<? extends ExecutionEvent> events) {
        ExecutionState state = ExecutionState.restore(from);
        for (ExecutionEvent event : events) {
            apply(state, event);
        }
        return state.snapshot();
    }

    /**
     * Applies one event to a snapshot: the pure form of the fold.
     *
     * @param state the state before the event
     * @param event the event
     * @return the state after it
     * @throws IllegalStateException when the event does not follow
     */
    public static ExecutionSnapshot apply(ExecutionSnapshot state, ExecutionEvent event) {
        return fold(state, List.of(event));
    }

    /**
     * The state an execution starts in.
     *
     * @param started the first event
     * @return a live state
     */
    public static ExecutionState start(ExecutionEvent.ExecutionStarted started) {
        requireNonNull(started, "started is null");
        if (started.sequence() != 1) {
            throw new IllegalStateException("ExecutionStarted must have sequence 1, had " + started.sequence());
        }
        ExecutionState state =
                new ExecutionState(started.executionId(), started.script(), started.programFingerprint());
        state.apply(started.delta());
        state.sequence = 1;
        Quotas.count(state, started);
        return state;
    }

    /**
     * Applies one event to a live state.
     *
     * @param state the state, changed in place
     * @param event the event
     * @throws IllegalStateException when the event does not follow
     */
    public static void apply(ExecutionState state, ExecutionEvent event) {
        if (event instanceof ExecutionEvent.ExecutionStarted) {
            throw new IllegalStateException("ExecutionStarted can only be the first event of execution "
                    + state.executionId + " (found it at " + event.sequence() + ")");
        }
        if (event instanceof ExecutionEvent.StepsCompleted run) {
            for (ExecutionEvent.StepCompleted step : run.steps()) {
                apply(state, step);
            }
            return;
        }
        if (event instanceof ExecutionEvent.EventsPacked pack) {
            for (ExecutionEvent packed : pack.events()) {
                apply(state, packed);
            }
            return;
        }
        checkSequence(state, event);
        state.apply(event.delta());
        transition(state, event);
    }

    private static void checkSequence(ExecutionState state, ExecutionEvent event) {
        if (event.sequence() != state.sequence + 1) {
            throw new IllegalStateException("execution " + state.executionId + ": event " + event.sequence()
                    + " does not follow event " + state.sequence + " (the history has a gap or is out of order)");
        }
    }

    /** The part of an event that its kind implies; shared by the fold and the live interpreter. */
    static void transition(ExecutionState state, ExecutionEvent event) {
        checkSequence(state, event);
        state.sequence = event.sequence();
        Quotas.count(state, event);
        switch (event) {
            case ExecutionEvent.ExecutionStarted ignored -> {}
            case ExecutionEvent.StepCompleted ignored -> state.steps++;
            case ExecutionEvent.MessageSent message -> {
                if (message.kind() == ExecutionEvent.MessageKind.TALK) {
                    state.steps++;
                }
            }
            case ExecutionEvent.InputRequested requested -> {
                state.status = ExecutionStatus.WAITING_INPUT;
                state.pending = new PendingWait.Input(requested.attempt());
            }
            case ExecutionEvent.InputReceived ignored -> resume(state, true);
            case ExecutionEvent.InputRejected ignored -> {}
            case ExecutionEvent.InputAbandoned ignored -> resume(state, true);
            case ExecutionEvent.TimerStarted timer -> {
                state.status = ExecutionStatus.WAITING_TIMER;
                state.pending = new PendingWait.Timer(timer.wakeAt());
            }
            case ExecutionEvent.TimerFired ignored -> resume(state, true);
            case ExecutionEvent.EffectStarted started -> {
                state.status = ExecutionStatus.RUNNING;
                state.pending = new PendingWait.EffectInFlight(
                        started.keyword(), started.arguments(), started.idempotencyKey(), started.attempt());
            }
            case ExecutionEvent.EffectCompleted ignored -> resume(state, true);
            case ExecutionEvent.EffectFailed failed -> {
                if (failed.retryAt().isPresent()) {
                    if (!(state.pending instanceof PendingWait.EffectInFlight inFlight)) {
                        throw new IllegalStateException("execution " + state.executionId + ": event " + event.sequence()
                                + " retries " + failed.keyword() + " but no call of it was started");
                    }
                    state.status = ExecutionStatus.WAITING_TIMER;
                    state.pending = new PendingWait.EffectRetry(
                            inFlight.keyword(),
                            inFlight.arguments(),
                            inFlight.idempotencyKey(),
                            failed.attempt() + 1,
                            failed.retryAt().get());
                } else {
                    resume(state, false);
                }
            }
            case ExecutionEvent.ChildStarted started -> {
                state.status = ExecutionStatus.WAITING_CHILD;
                state.pending = new PendingWait.Child(started.request());
            }
            case ExecutionEvent.ChildCompleted completed ->
                resume(state, completed.result() instanceof ChildResult.Returned);
            case ExecutionEvent.ExecutionCompleted completed -> {
                state.status = ExecutionStatus.COMPLETED;
                state.pending = null;
                state.result = completed.result().orElse(null);
            }
            case ExecutionEvent.ExecutionFailed failed -> {
                state.status = ExecutionStatus.FAILED;
                state.pending = null;
                state.error = failed.error();
            }
            case ExecutionEvent.ExecutionCancelled ignored -> {
                state.status = ExecutionStatus.CANCELLED;
                state.pending = null;
            }
            case ExecutionEvent.StepsCompleted ignored ->
                throw new IllegalStateException("execution " + state.executionId + ": a run of steps ending at "
                        + event.sequence() + " is folded step by step, not as one event");
            case ExecutionEvent.EventsPacked ignored ->
                throw new IllegalStateException("execution " + state.executionId + ": a pack of events from "
                        + event.sequence() + " is folded event by event, not as one event");
            case ExecutionEvent.ExecutionRetried ignored -> {
                if (state.status != ExecutionStatus.FAILED) {
                    throw new IllegalStateException("execution " + state.executionId + ": event " + event.sequence()
                            + " retries an execution that is " + state.status + ", not FAILED");
                }
                state.status = ExecutionStatus.RUNNING;
                state.pending = null;
                state.error = null;
            }
        }
    }

    private static void resume(ExecutionState state, boolean stepCompleted) {
        state.status = ExecutionStatus.RUNNING;
        state.pending = null;
        if (stepCompleted) {
            state.steps++;
        }
    }
}
