package io.basicflow.engine.interpreter;

import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.state.ChildRequest;
import io.basicflow.engine.state.ChildResult;
import io.basicflow.spi.value.Value;
import java.time.Instant;
import java.util.Optional;

/**
 * Everything mode-specific the {@link Interpreter} needs: it is the only difference between a direct
 * run in memory and a durable run. The interpreter calls it from the thread that runs the activation.
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li>{@link #record} receives every event in order, with gap-free sequence numbers. A {@linkplain
 *       #recording() recording} journal also receives a {@link ExecutionEvent.StepCompleted} for
 *       every plain step and every event carries its {@link io.basicflow.engine.event.Delta}, so
 *       folding the recorded events rebuilds the state exactly. A non-recording journal receives only
 *       the events that talk to the outside (messages, input, timers, effects, children, the end),
 *       with empty deltas: the cheap mode for direct runs.
 *   <li>{@link #checkpoint} is called after every completed step by a recording journal: a durable
 *       journal commits its buffered events every N steps or M milliseconds there.
 *   <li>{@link #beforeEffect} is called after {@link ExecutionEvent.EffectStarted} was recorded and
 *       before the handler runs: a durable journal commits there (the commit boundary before an
 *       external effect). The handler then runs outside any transaction.
 *   <li>{@link #nextInput}, {@link #awaitTimer} and {@link #childResult} answer what a waiting step
 *       asks; answering "not yet" makes the interpreter return a waiting {@link Outcome} with the state
 *       parked on that step. Every input {@code nextInput} returns is answered by exactly one event
 *       before the next call: {@link ExecutionEvent.InputReceived}, {@link
 *       ExecutionEvent.InputRejected}, or the {@link ExecutionEvent.ExecutionFailed} that ends the
 *       run; a durable journal marks the inbox message consumed in the transaction that commits that
 *       event. A child result is likewise answered by {@link ExecutionEvent.ChildCompleted}.
 *   <li>{@link #activationEnded} is called once at the end of every {@link Interpreter#run} and
 *       {@link Interpreter#cancel} with the outcome: a durable journal commits there.
 *   <li>An exception thrown by the journal is infrastructure, not the script: it propagates out of
 *       {@code run} unchanged (the execution is not failed), and the live state may then hold
 *       changes that were never committed: discard it and resume from the last committed state.
 * </ul>
 */
public interface Journal {

    /**
     * Whether this journal wants every step as an event with deltas.
     *
     * @return true to receive {@code StepCompleted} events and deltas
     */
    boolean recording();

    /**
     * Records one event.
     *
     * @param event the event, its sequence number one more than the previous one's
     */
    void record(ExecutionEvent event);

    /**
     * A chance to commit after a completed step (recording journals only).
     *
     * @param state the state after the step
     */
    default void checkpoint(ExecutionState state) {}

    /**
     * The boundary before a keyword's handler runs, after its {@code EffectStarted} was recorded.
     *
     * @param state the state with the effect in flight
     */
    default void beforeEffect(ExecutionState state) {}

    /**
     * Runs a transactional keyword's step inside the transaction of the commit that records it: the
     * journal opens the transaction, fences the execution, calls {@code work} with the connection (the
     * work runs the handler and records the step's events), and commits those events with the write.
     * A journal without a database of its own says no and does nothing.
     *
     * @param state the state before the step
     * @param work runs the handler on the connection and records the step's events
     * @return true when the work ran and its commit is written; false when this journal cannot
     */
    default boolean commitWithin(ExecutionState state, TransactionalWork work) {
        return false;
    }

    /**
     * Takes a transactional step's write to run in a later commit of this activation: the caller then
     * records the step as completed with the value its handler gave without the database ({@link
     * io.basicflow.spi.BatchingTransactionalHandler#valueWithoutDatabase}). Every commit of the journal
     * after this call carries the write, in the transaction of its events. A journal that cannot defer,
     * or will not defer this step, says no and does nothing: the caller then goes through {@link
     * #commitWithin}.
     *
     * @param state the state before the step
     * @param write the call, as a member of a batch (its {@code done} is not called)
     * @param sequence the sequence number of the step's completion event
     * @return true when the write was taken
     */
    default boolean defer(ExecutionState state, TransactionalWork.Batched write, long sequence) {
        return false;
    }

    /**
     * The next input for a waiting {@code HEAR}. A direct journal blocks until the user answers; a
     * durable one takes the next message from the execution's inbox.
     *
     * @param request what the {@code HEAR} waits for
     * @return the input, or empty when there is none (the execution parks; in direct mode: the input
     *     ended)
     */
    Optional<String> nextInput(InputRequest request);

    /**
     * Whether a timer is over. A direct journal sleeps until the time and says yes; a durable one says
     * no unless the time has come, and the execution parks until then.
     *
     * @param wakeAt when the timer ends
     * @return true when the time has come
     */
    boolean awaitTimer(Instant wakeAt);

    /**
     * The result of a child execution the parent waits for.
     *
     * @param request the child
     * @return its result once it ended, else empty (the parent parks)
     */
    Optional<ChildResult> childResult(ChildRequest request);

    /**
     * The result of one of several children started by one step ({@code STEP n: PARALLEL}): each has
     * its own {@link ExecutionEvent.ChildStarted}, recorded one after the other before the first is
     * asked for. The default suits a journal that runs one child at a time ({@link #childResult}).
     *
     * @param request the child
     * @param startedSeq the sequence number of its {@code ChildStarted} event
     * @return its result once it ended, else empty
     */
    default Optional<ChildResult> childResult(ChildRequest request, long startedSeq) {
        return childResult(request);
    }

    /**
     * The request of a child started by an earlier activation, when the journal kept it: a journal
     * that runs the children of a {@code PARALLEL} step one after the other names the next one with
     * it. A journal that started them all at once need not keep them.
     *
     * @param startedSeq the sequence number of its {@code ChildStarted} event
     * @return the request, if known
     */
    default Optional<ChildRequest> startedChild(long startedSeq) {
        return Optional.empty();
    }

    /**
     * Whether another execution can publish an event this one waits for ({@code WAIT FOR EVENT}): a
     * durable journal can; a direct run has nobody else, so it only waits for a timeout.
     *
     * @return true when events can arrive
     */
    default boolean receivesEvents() {
        return false;
    }

    /**
     * Whether a child execution started by this one runs on its own, alongside it ({@code DELEGATE …
     * TO BOT}): a durable journal's children are executions of their own, so the parent may park on a
     * deadline or go on without waiting; a direct run has to run a child inline, so the interpreter
     * hands it to the runner ({@link Outcome.WaitingChild}) first.
     *
     * @return true when children run by themselves
     */
    default boolean childrenRunAlongside() {
        return receivesEvents();
    }

    /**
     * Starts watching for the next event of a name, published after this call, in the execution's
     * scope ({@code WAIT FOR EVENT} before its first wait). Watching again replaces the watch.
     *
     * @param name the event's name
     * @param awaitedSeq the sequence number of the event that records the wait
     * @return the value received already (the same wait set up again after a crash), else empty
     */
    default Optional<Value> watchEvent(String name, long awaitedSeq) {
        return Optional.empty();
    }

    /**
     * The value of the first event published since {@link #watchEvent}, if one came.
     *
     * @param name the event's name
     * @return its value, or empty
     */
    default Optional<Value> receivedEvent(String name) {
        return Optional.empty();
    }

    /**
     * Publishes an event to the execution's scope ({@code PUBLISH EVENT}); publishing again with the
     * same key publishes nothing more.
     *
     * @param name the event's name
     * @param data its value
     * @param key the step's idempotency key ({@code executionId/sequence})
     */
    default void publishEvent(String name, Value data, String key) {}

    /**
     * Registers a start of another script ({@code SET SCHEDULE when, "script.bas"}): once at a
     * date-time, or on a schedule; registering again with the same key registers nothing more.
     *
     * @param request what the step asks for
     * @param key the step's idempotency key ({@code executionId/sequence})
     * @throws io.basicflow.engine.schedule.ScheduleRefusedException when it cannot be registered (no
     *     such script, a bad {@code when}; always in a direct run, which has no store to keep it)
     */
    default void scheduleScript(ScriptScheduling request, String key) {
        throw new io.basicflow.engine.schedule.ScheduleRefusedException(request.statement()
                + " registers a start in the engine's database, and a direct run has"
                + " none: run the script durably (#workflow, or under basicflow serve, where every bot script is"
                + " durable)");
    }

    /**
     * The activation ends.
     *
     * @param state the state to keep
     * @param outcome how it ended
     */
    default void activationEnded(ExecutionState state, Outcome outcome) {}
}
