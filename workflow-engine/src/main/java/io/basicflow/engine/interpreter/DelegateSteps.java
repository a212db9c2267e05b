package io.basicflow.engine.interpreter;

import io.basicflow.compiler.evaluation.Values;
import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.orchestration.BotCalls;
import io.basicflow.engine.state.ChildRequest;
import io.basicflow.engine.state.ChildResult;
import io.basicflow.engine.state.ExecutionError;
import io.basicflow.engine.state.PendingWait;
import io.basicflow.spi.program.Orchestration;
import io.basicflow.spi.program.Step;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.Value;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Runs {@code DELEGATE task TO BOT "name" [TIMEOUT s]} and {@code TRANSFER CONVERSATION TO "name"} for
 * {@link OrchestrationSteps}: the bot's entry
 * script runs as a child execution, called as {@code STEP n: BOT} calls it ({@link BotCalls}: a copy of
 * the caller's variables plus {@code task}).
 *
 * <ul>
 *   <li><b>Fire and forget</b> (statement form, no {@code TIMEOUT}): {@link ExecutionEvent.ChildStarted}
 *       then at once {@link ExecutionEvent.ChildCompleted} with no value; a durable journal commits the
 *       {@code ChildStarted} with the child's creation before the step goes on, and nobody waits for it. A direct run runs the bot inline
 *       first (nothing else could run it). A bot that cannot start (no such bot) fails the step.
 *   <li><b>Waiting</b> (assignment form, or a {@code TIMEOUT}): {@code ChildStarted}, then {@link
 *       ExecutionEvent.TimerStarted} with the deadline (now + {@code TIMEOUT}, 30 s by default). The
 *       caller parks as a timer; the child's end wakes it early (the store's wake of parents includes
 *       {@code WAITING_TIMER}). When it resumes, the bot's value counts if the bot has ended and the
 *       deadline has not passed; once the deadline passed the value is {@code NULL}. {@link
 *       ExecutionEvent.TimerFired} ends the step with the assignment in its delta. A failed bot fails
 *       the step (trappable with {@code ON ERROR RESUME NEXT}).
 *   <li>While it waits, the state's pending wait is the {@link PendingWait.Timer}; the child is the event
 *       just before it, so resuming finds it by its sequence number.
 * </ul>
 */
final class DelegateSteps {

    /** How long {@code r = DELEGATE …} waits without {@code TIMEOUT}: General Bots' {@code a2a-timeout}. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private DelegateSteps() {}

    static Outcome run(
            Step.Orchestrate step,
            Orchestration.Delegate delegate,
            ExecutionState state,
            String script,
            OrchestrationSteps.Host host,
            Frame top,
            int index) {
        top.index = index; // stays on the step until it ends
        boolean waits = delegate.waits();
        Journal journal = host.journal();
        if (waits && state.pending instanceof PendingWait.Timer timer) {
            long startedSeq = state.sequence - 1;
            ChildRequest request = host.startedChild(startedSeq).orElseGet(() -> placeholder(delegate, script));
            return answer(step, delegate, host, top, index, request, startedSeq, timer.wakeAt());
        }
        if (!waits && state.pending instanceof PendingWait.Child waiting) {
            // a direct run is back from running the bot inline
            Optional<ChildResult> result = host.childResult(waiting.request(), state.sequence);
            return fired(step, delegate, host, top, index, result.orElse(null), waiting.request());
        }
        String bot = host.eval(delegate.bot()).display().strip();
        String task = host.eval(delegate.task()).display();
        Instant deadline = waits ? deadline(delegate, host) : null;
        Map<String, Value> shared = new LinkedHashMap<>(state.globals);
        shared.remove(BotCalls.TASK);
        ChildRequest request = BotCalls.request(bot, task, shared, script);
        long startedSeq = host.next();
        host.emit(new ExecutionEvent.ChildStarted(startedSeq, step.span(), request, host.delta()));
        Optional<ChildResult> started = host.childResult(request, startedSeq);
        if (started.isPresent() && started.get() instanceof ChildResult.Failed failed) {
            throw failure(step, delegate, host, failed); // it could not start
        }
        boolean alongside = journal.childrenRunAlongside();
        if (!waits) {
            if (!alongside) {
                return new Outcome.WaitingChild(request);
            }
            // The child is created by this commit, with its ChildStarted; a crash after it resumes the
            // step waiting for the child (above), which then only ends the step.
            try {
                journal.beforeEffect(state);
            } catch (RuntimeException e) {
                throw new Interpreter.JournalFailure(e);
            }
            return fired(step, delegate, host, top, index, null, request);
        }
        host.emit(new ExecutionEvent.TimerStarted(host.next(), step.span(), deadline, host.delta()));
        if (started.isPresent()) { // a journal that had the answer at once
            return answer(step, delegate, host, top, index, request, startedSeq, deadline);
        }
        return alongside ? new Outcome.WaitingTimer(deadline) : new Outcome.WaitingChild(request);
    }

    /**
     * {@code TRANSFER CONVERSATION TO bot}: {@code ChildStarted}, then a wait for the child ({@code
     * WAITING_CHILD}, so the conversation's input goes to the bot); when it ends, {@code ChildCompleted}
     * and the script completes with the bot's value. A failed bot fails the step.
     */
    static Outcome transfer(
            Step.Orchestrate step,
            Orchestration.Transfer transfer,
            ExecutionState state,
            String script,
            OrchestrationSteps.Host host,
            Frame top,
            int index) {
        top.index = index; // stays on the step until the bot ended
        ChildRequest request;
        long startedSeq;
        if (state.pending instanceof PendingWait.Child waiting) {
            request = waiting.request();
            startedSeq = state.sequence;
        } else {
            String bot = host.eval(transfer.bot()).display().strip();
            Map<String, Value> shared = new LinkedHashMap<>(state.globals);
            shared.remove(BotCalls.TASK);
            request = BotCalls.request(bot, "", shared, script);
            startedSeq = host.next();
            host.emit(new ExecutionEvent.ChildStarted(startedSeq, step.span(), request, host.delta()));
        }
        Optional<ChildResult> result = host.childResult(request, startedSeq);
        if (result.isEmpty()) {
            return new Outcome.WaitingChild(request);
        }
        host.emit(new ExecutionEvent.ChildCompleted(host.next(), step.span(), result.get(), host.delta()));
        if (result.get() instanceof ChildResult.Failed failed) {
            throw new StepFailure(
                    ExecutionError.Kind.CHILD,
                    "TRANSFER CONVERSATION TO " + transfer.bot().text() + " failed: " + failed.message(),
                    step.span());
        }
        top.index = index + 1;
        return host.complete(
                ((ChildResult.Returned) result.get()).value().map(Canonical::of).orElse(NullValue.NULL));
    }

    /** A waiting delegation resumed: the bot's value, a timeout, or back to waiting. */
    private static Outcome answer(
            Step.Orchestrate step,
            Orchestration.Delegate delegate,
            OrchestrationSteps.Host host,
            Frame top,
            int index,
            ChildRequest request,
            long startedSeq,
            Instant deadline) {
        Optional<ChildResult> result = host.childResult(request, startedSeq);
        boolean late = !host.now().isBefore(deadline);
        if (result.isEmpty() && !late) {
            return new Outcome.WaitingTimer(deadline);
        }
        if (!late && result.get() instanceof ChildResult.Failed failed) {
            throw failure(step, delegate, host, failed);
        }
        Value value = late
                ? NullValue.NULL
                : ((ChildResult.Returned) result.get())
                        .value()
                        .map(Canonical::of)
                        .orElse(NullValue.NULL);
        delegate.result().ifPresent(target -> host.assign(target, value));
        top.index = index + 1;
        host.emit(new ExecutionEvent.TimerFired(host.next(), step.span(), host.delta()));
        return null;
    }

    /** A fire-and-forget delegation ends its step; the bot's outcome is its own. */
    private static Outcome fired(
            Step.Orchestrate step,
            Orchestration.Delegate delegate,
            OrchestrationSteps.Host host,
            Frame top,
            int index,
            ChildResult inline,
            ChildRequest request) {
        if (inline instanceof ChildResult.Failed failed
                && failed.message().equals(BotCalls.missing(request.script()))) {
            throw failure(step, delegate, host, failed); // as a durable run does: the bot cannot start
        }
        top.index = index + 1;
        host.emit(new ExecutionEvent.ChildCompleted(
                host.next(), step.span(), new ChildResult.Returned(Optional.empty()), host.delta()));
        return null;
    }

    private static StepFailure failure(
            Step.Orchestrate step,
            Orchestration.Delegate delegate,
            OrchestrationSteps.Host host,
            ChildResult.Failed failed) {
        host.emit(new ExecutionEvent.ChildCompleted(host.next(), step.span(), failed, host.delta()));
        return new StepFailure(
                ExecutionError.Kind.CHILD,
                "DELEGATE TO BOT " + delegate.bot().text() + " failed: " + failed.message(),
                step.span());
    }

    private static Instant deadline(Orchestration.Delegate delegate, OrchestrationSteps.Host host) {
        if (delegate.timeout().isEmpty()) {
            return host.now().plus(DEFAULT_TIMEOUT);
        }
        Value seconds = host.eval(delegate.timeout().get());
        BigDecimal amount = Values.asNumber(seconds)
                .orElseThrow(() -> new StepFailure(
                        ExecutionError.Kind.STATEMENT,
                        "DELEGATE: the TIMEOUT must be a number of seconds, not " + Values.describe(seconds),
                        delegate.timeout().get().span()))
                .toBigDecimal();
        if (amount.signum() < 0 || amount.compareTo(BigDecimal.valueOf(OrchestrationSteps.FOREVER.toSeconds())) > 0) {
            throw new StepFailure(
                    ExecutionError.Kind.STATEMENT,
                    "DELEGATE: the TIMEOUT must be between 0 and " + OrchestrationSteps.FOREVER.toSeconds()
                            + " seconds, not " + amount.toPlainString(),
                    delegate.timeout().get().span());
        }
        return host.now()
                .plusNanos(amount.movePointRight(9)
                        .setScale(0, RoundingMode.CEILING)
                        .longValueExact());
    }

    /** The request of a started child whose event is not at hand (only its sequence number is used). */
    private static ChildRequest placeholder(Orchestration.Delegate delegate, String script) {
        return BotCalls.request(delegate.bot().text(), "", Map.of(), script);
    }
}
