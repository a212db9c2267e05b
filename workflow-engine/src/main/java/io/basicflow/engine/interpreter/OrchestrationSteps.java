package io.basicflow.engine.interpreter;

import io.basicflow.engine.event.Delta;
import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.orchestration.BotCalls;
import io.basicflow.engine.state.ChildRequest;
import io.basicflow.engine.state.ChildResult;
import io.basicflow.engine.state.ExecutionError;
import io.basicflow.engine.state.PendingWait;
import io.basicflow.spi.program.Expression;
import io.basicflow.spi.program.Orchestration;
import io.basicflow.spi.program.SourceSpan;
import io.basicflow.spi.program.Step;
import io.basicflow.spi.program.Target;
import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the orchestration statements for the {@link Interpreter}.
 *
 * <ul>
 *   <li>{@code ORCHESTRATE WORKFLOW "name"} sets the variable {@code workflow} to the name (the
 *       compiler already made the script durable).
 *   <li>{@code STEP n: BOT "bot" "task"} and {@code STEP n: PARALLEL} record one {@link
 *       ExecutionEvent.ChildStarted} per bot call (a {@link ChildRequest.Kind#BOT} request, see {@link
 *       BotCalls}), all before asking for any result, so that a durable journal starts every branch in
 *       the same commit and they run at once. The step waits (holding no thread) until every call has
 *       ended; one {@link ExecutionEvent.ChildCompleted} then ends the step. When a call failed, the
 *       step fails naming the step, the branch and the bot, after every branch has ended. On success
 *       the bots' results are assigned in branch order ({@link BotCalls#resultVariables}).
 *   <li>While it waits, the state's pending wait is the last call's {@link PendingWait.Child}; the calls
 *       are the events just before it, so resuming finds each call by its sequence number.
 * </ul>
 */
final class OrchestrationSteps {

    /** What the interpreter lends to an orchestration step. */
    interface Host {
        Value eval(Expression expression);

        void assign(String variable, Value value);

        void emit(ExecutionEvent event);

        long next();

        Delta delta();

        void completed(SourceSpan span);

        Optional<ChildResult> childResult(ChildRequest request, long startedSeq);

        Optional<ChildRequest> startedChild(long startedSeq);

        void assign(Target target, Value value);

        Instant now();

        /** Whether the time has come (a direct journal sleeps until then). */
        boolean due(Instant when);

        Journal journal();

        String executionId();

        /** Ends the script here, as {@code RETURN result} at its top level does ({@code TRANSFER CONVERSATION}). */
        Outcome complete(Value result);
    }

    /** How long a {@code WAIT FOR EVENT} without {@code TIMEOUT} waits: for ever, in practice. */
    static final Duration FOREVER = Duration.ofDays(36_500);

    private OrchestrationSteps() {}

    static Outcome run(Step.Orchestrate step, ExecutionState state, String script, Host host, Frame top, int index) {
        switch (step.action()) {
            case Orchestration.Workflow workflow -> {
                host.assign("workflow", new TextValue(host.eval(workflow.name()).display()));
                host.completed(step.span());
                return null;
            }
            case Orchestration.Bots bots -> {
                return bots(step, bots, state, script, host, top, index);
            }
            case Orchestration.PublishEvent publish -> {
                String name = eventName(host.eval(publish.name()), publish.name());
                Value data = publish.data().isPresent()
                        ? Canonical.of(host.eval(publish.data().get()))
                        : BooleanValue.TRUE;
                String key = host.executionId() + "/" + host.next();
                try {
                    host.journal().publishEvent(name, data, key);
                } catch (RuntimeException e) {
                    throw new Interpreter.JournalFailure(e);
                }
                host.completed(step.span());
                return null;
            }
            case Orchestration.WaitForEvent wait -> {
                return waitForEvent(step, wait, state, host, top, index);
            }
            case Orchestration.Delegate delegate -> {
                return DelegateSteps.run(step, delegate, state, script, host, top, index);
            }
            case Orchestration.Transfer transfer -> {
                return DelegateSteps.transfer(step, transfer, state, script, host, top, index);
            }
            case Orchestration.AddBot add -> {
                return BotSetSteps.add(step, add, state, script, host);
            }
            case Orchestration.RemoveBot remove -> {
                return BotSetSteps.remove(step, remove, state, host);
            }
            case Orchestration.Broadcast broadcast -> {
                return BotSetSteps.broadcast(step, broadcast, state, script, host, top, index);
            }
            case Orchestration.RouteInput route -> {
                return BotSetSteps.route(step, route, state, script, host, top, index);
            }
            case Orchestration.ScheduleScript schedule -> {
                List<Value> arguments = new ArrayList<>();
                for (Expression argument : schedule.arguments()) {
                    arguments.add(Canonical.of(host.eval(argument)));
                }
                ScriptScheduling request = new ScriptScheduling(
                        host.eval(schedule.when()),
                        schedule.when().text(),
                        host.eval(schedule.script()).display().strip(),
                        script,
                        arguments);
                String key = host.executionId() + "/" + host.next();
                try {
                    host.journal().scheduleScript(request, key);
                } catch (io.basicflow.engine.schedule.ScheduleRefusedException e) {
                    throw new StepFailure(ExecutionError.Kind.STATEMENT, e.getMessage(), step.span());
                } catch (RuntimeException e) {
                    throw new Interpreter.JournalFailure(e);
                }
                host.completed(step.span());
                return null;
            }
        }
    }

    /**
     * {@code WAIT FOR EVENT}: recorded as a timer ({@link ExecutionEvent.TimerStarted} with the
     * deadline) that a published event ends early; the {@link ExecutionEvent.TimerFired} that ends the
     * step carries the assigned value in its delta. The watch itself (name, and which events are new)
     * is kept by the journal, durably in the store.
     */
    private static Outcome waitForEvent(
            Step.Orchestrate step,
            Orchestration.WaitForEvent wait,
            ExecutionState state,
            Host host,
            Frame top,
            int index) {
        top.index = index;
        String name = eventName(host.eval(wait.name()), wait.name());
        Journal journal = host.journal();
        Instant deadline;
        Optional<Value> received = Optional.empty();
        boolean resumed = state.pending instanceof PendingWait.Timer;
        if (state.pending instanceof PendingWait.Timer timer) {
            deadline = timer.wakeAt();
        } else {
            if (wait.timeout().isPresent()) {
                Value seconds = host.eval(wait.timeout().get());
                BigDecimal amount = io.basicflow.compiler.evaluation.Values.asNumber(seconds)
                        .orElseThrow(() -> new StepFailure(
                                ExecutionError.Kind.STATEMENT,
                                "WAIT FOR EVENT: the TIMEOUT must be a number of seconds, not "
                                        + io.basicflow.compiler.evaluation.Values.describe(seconds),
                                wait.timeout().get().span()))
                        .toBigDecimal();
                if (amount.signum() < 0 || amount.compareTo(BigDecimal.valueOf(FOREVER.toSeconds())) > 0) {
                    throw new StepFailure(
                            ExecutionError.Kind.STATEMENT,
                            "WAIT FOR EVENT: the TIMEOUT must be between 0 and " + FOREVER.toSeconds()
                                    + " seconds, not " + amount.toPlainString(),
                            wait.timeout().get().span());
                }
                deadline = host.now()
                        .plusNanos(amount.movePointRight(9)
                                .setScale(0, RoundingMode.CEILING)
                                .longValueExact());
            } else if (journal.receivesEvents()) {
                deadline = host.now().plus(FOREVER);
            } else {
                throw new StepFailure(
                        ExecutionError.Kind.STATEMENT,
                        "WAIT FOR EVENT \"" + name + "\" without TIMEOUT would wait for ever: nothing can publish"
                                + " an event to a direct run; add a TIMEOUT, or run the script durably (#workflow"
                                + " or ORCHESTRATE WORKFLOW)");
            }
            long awaited = host.next();
            try {
                received = journal.watchEvent(name, awaited);
            } catch (RuntimeException e) {
                throw new Interpreter.JournalFailure(e);
            }
            host.emit(new ExecutionEvent.TimerStarted(awaited, step.span(), deadline, host.delta()));
        }
        if (resumed) { // a watch just begun has received nothing, unless it was set up again (above)
            try {
                received = journal.receivedEvent(name);
            } catch (RuntimeException e) {
                throw new Interpreter.JournalFailure(e);
            }
        }
        if (received.isEmpty() && !host.due(deadline)) {
            return new Outcome.WaitingTimer(deadline);
        }
        host.assign(wait.result(), received.map(Canonical::of).orElse(NullValue.NULL));
        top.index = index + 1;
        host.emit(new ExecutionEvent.TimerFired(host.next(), step.span(), host.delta()));
        return null;
    }

    private static String eventName(Value value, Expression expression) {
        String name = value.display().strip();
        if (name.isEmpty() || name.length() > 200) {
            throw new StepFailure(
                    ExecutionError.Kind.STATEMENT,
                    "an event name must have 1 to 200 characters, but " + expression.text() + " is "
                            + (name.isEmpty() ? "empty" : name.length() + " characters long"),
                    expression.span());
        }
        return name;
    }

    private static Outcome bots(
            Step.Orchestrate step,
            Orchestration.Bots bots,
            ExecutionState state,
            String script,
            Host host,
            Frame top,
            int index) {
        return bots(step, bots, state, script, host, top, index, false);
    }

    /** A bot step; a {@code broadcast} one ({@link BotSetSteps}) assigns nothing and fails naming the bot. */
    static Outcome bots(
            Step.Orchestrate step,
            Orchestration.Bots bots,
            ExecutionState state,
            String script,
            Host host,
            Frame top,
            int index,
            boolean broadcast) {
        top.index = index; // stays on the step until every call has ended
        List<Orchestration.BotCall> calls = bots.calls();
        int count = calls.size();
        List<ChildRequest> requests = new ArrayList<>(count);
        long firstSeq;
        boolean fresh;
        if (state.pending instanceof PendingWait.Child waiting
                && waiting.request().kind() == ChildRequest.Kind.BOT) {
            fresh = false;
            firstSeq = state.sequence - count + 1;
            for (int i = 0; i < count - 1; i++) {
                // A durable journal finds each child by its sequence number alone.
                requests.add(host.startedChild(firstSeq + i).orElse(waiting.request()));
            }
            requests.add(waiting.request());
        } else {
            Map<String, Value> shared = new LinkedHashMap<>(state.globals);
            shared.remove("task");
            shared.remove(BotSetSteps.BOTS);
            fresh = true;
            firstSeq = host.next();
            for (Orchestration.BotCall call : calls) {
                String bot = host.eval(call.bot()).display();
                String task = host.eval(call.task()).display();
                ChildRequest request = BotCalls.request(bot, task, shared, script);
                host.emit(new ExecutionEvent.ChildStarted(host.next(), call.span(), request, host.delta()));
                requests.add(request);
            }
        }
        List<ChildResult> results = new ArrayList<>(count);
        ChildRequest waitingFor = null;
        for (int i = 0; i < count; i++) {
            ChildRequest request = requests.get(i);
            Optional<ChildResult> result = host.childResult(request, firstSeq + i);
            if (result.isEmpty()) {
                if (waitingFor == null) {
                    waitingFor = request; // a journal that runs them one at a time runs this one next
                }
                results.add(null);
            } else {
                results.add(result.get());
            }
        }
        // A bot that cannot start (no such bot) fails the step at once: the journal then starts none of
        // the step's children. Once they were started, the step waits for all of them.
        if (waitingFor != null && !(fresh && results.stream().anyMatch(ChildResult.Failed.class::isInstance))) {
            return new Outcome.WaitingChild(waitingFor);
        }
        for (int i = 0; i < count; i++) {
            if (results.get(i) instanceof ChildResult.Failed failed) {
                Orchestration.BotCall call = calls.get(i);
                host.emit(new ExecutionEvent.ChildCompleted(host.next(), step.span(), failed, host.delta()));
                String which = bots.parallel() ? " BRANCH " + call.branch() : "";
                if (broadcast) {
                    throw new StepFailure(
                            ExecutionError.Kind.CHILD,
                            "BROADCAST TO BOTS: bot \"" + call.branch() + "\" failed: " + failed.message(),
                            call.span());
                }
                throw new StepFailure(
                        ExecutionError.Kind.CHILD,
                        "STEP " + bots.label() + which + " (BOT " + call.bot().text() + ") failed: " + failed.message(),
                        call.span());
            }
        }
        Map<String, Value> returned = new LinkedHashMap<>();
        Map<String, Value> assigned = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            Value value = ((ChildResult.Returned) results.get(i)).value().orElse(NullValue.NULL);
            returned.put(calls.get(i).branch(), value);
            assigned.putAll(BotCalls.resultVariables(
                    Canonical.of(value), bots.parallel() ? calls.get(i).branch() : null));
        }
        if (!broadcast) {
            assigned.forEach(host::assign);
        }
        top.index = index + 1;
        Value combined = bots.parallel()
                ? new MapValue(returned)
                : returned.values().iterator().next();
        host.emit(new ExecutionEvent.ChildCompleted(
                host.next(), step.span(), new ChildResult.Returned(Optional.of(combined)), host.delta()));
        return null;
    }
}
