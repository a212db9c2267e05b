package io.basicflow.engine.durable;

import static java.util.Objects.requireNonNull;

import io.basicflow.compiler.CompilationResult;
import io.basicflow.compiler.diagnostics.Diagnostic;
import io.basicflow.engine.api.ConversationFollower;
import io.basicflow.engine.api.DeliveryIds;
import io.basicflow.engine.api.EventView;
import io.basicflow.engine.api.ExecutionConflictException;
import io.basicflow.engine.api.ExecutionNotFoundException;
import io.basicflow.engine.api.ExecutionPage;
import io.basicflow.engine.api.ExecutionQuery;
import io.basicflow.engine.api.ExecutionStateException;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.engine.api.InputTooLargeException;
import io.basicflow.engine.api.MessageView;
import io.basicflow.engine.api.ScriptCompilationException;
import io.basicflow.engine.api.StartRequest;
import io.basicflow.engine.api.StartResult;
import io.basicflow.engine.api.WorkflowEngine;
import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.interpreter.ExecutionState;
import io.basicflow.engine.interpreter.IncomingValues;
import io.basicflow.engine.interpreter.InputRequest;
import io.basicflow.engine.interpreter.Interpreter;
import io.basicflow.engine.json.EngineJson;
import io.basicflow.engine.state.ExecutionSnapshot;
import io.basicflow.engine.state.PendingWait;
import io.basicflow.engine.store.ClaimedExecution;
import io.basicflow.engine.store.CreateResult;
import io.basicflow.engine.store.EventRecord;
import io.basicflow.engine.store.EventStore;
import io.basicflow.engine.store.ExecutionCommit;
import io.basicflow.engine.store.ExecutionRecord;
import io.basicflow.engine.store.LockedChange;
import io.basicflow.engine.store.NewExecution;
import io.basicflow.engine.store.StoredEvent;
import io.basicflow.engine.store.Transition;
import io.basicflow.spi.program.Expr;
import io.basicflow.spi.program.Step;
import io.basicflow.spi.value.Value;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The {@link WorkflowEngine} of durable executions on an {@link EventStore}. It runs no steps
 * itself: it creates executions, stores inputs, cancels and retries under the execution's row lock,
 * and reads; the {@link WorkerPool}s of any process sharing the store run the executions.
 *
 * <p>Only {@code #workflow} scripts start here: a script without the pragma is refused with a
 * {@link ScriptCompilationException} that says to add it, because the pragma is where a script's
 * author declares that it runs durably. (Children — {@code CALL "x.bas"}, tools — need no pragma:
 * they are part of their durable parent.)
 *
 * <p>Thread-safe.
 */
public final class DurableWorkflowEngine implements WorkflowEngine {

    private final EventStore store;
    private final Interpreter interpreter;
    private final CompiledScripts scripts;
    private final ExecutionReader reader;
    private final DurableSettings settings;
    private final Clock clock;
    private final MessageSignals signals;
    private final LocalWorkers localWorkers;
    /** Concurrent starts and inputs share transactions. */
    private final Batcher<NewExecution, CreateResult> starts;

    private final Batcher<EventStore.InputDelivery, EventStore.Delivered> inputs;

    /**
     * Creates the engine.
     *
     * @param store where executions live
     * @param interpreter records starts, cancellations and retries (its clock should be {@code clock})
     * @param scripts compiled pinned scripts (shared with the local workers, if any)
     * @param settings the limits (input length) and long-poll interval
     * @param clock the engine's clock
     * @param signals woken by the local workers' commits, for long polls of messages
     * @param localWorkers the workers of this process: woken when there is work for them, and handed
     *     the executions started here when they have room ({@link LocalWorkers#wakingOnly} without
     *     local workers; other processes are woken by the store's notifications)
     */
    public DurableWorkflowEngine(
            EventStore store,
            Interpreter interpreter,
            CompiledScripts scripts,
            DurableSettings settings,
            Clock clock,
            MessageSignals signals,
            LocalWorkers localWorkers) {
        this.store = requireNonNull(store, "store is null");
        this.interpreter = requireNonNull(interpreter, "interpreter is null");
        this.scripts = requireNonNull(scripts, "scripts is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.signals = requireNonNull(signals, "signals is null");
        this.localWorkers = requireNonNull(localWorkers, "localWorkers is null");
        this.reader = new ExecutionReader(
                store,
                ExecutionReader.PinnedScripts.compiled(scripts),
                settings.limits().inputAttempts());
        this.starts = new Batcher<>(500, 2, this::createAll);
        this.inputs = new Batcher<>(500, 2, batch -> store.deliverInputs(batch, clock.instant()));
    }

    /** Creates a batch; a second start of an id in the same batch waits for the next statement. */
    private List<CreateResult> createAll(List<NewExecution> batch) {
        Set<String> ids = new HashSet<>();
        for (NewExecution execution : batch) {
            if (!ids.add(execution.id())) {
                List<CreateResult> results = new ArrayList<>(batch.size());
                for (NewExecution one : batch) {
                    results.add(store.create(one));
                }
                return results;
            }
        }
        return store.createAll(batch);
    }

    @Override
    public StartResult start(StartRequest request) {
        requireNonNull(request, "request is null");
        String name = request.scriptName();
        if (name.isEmpty() || name.length() > 1000 || name.indexOf('\u0000') >= 0) {
            throw new IllegalArgumentException(
                    "a script name must be 1-1000 characters without NUL, was " + name.length() + " characters");
        }
        if (request.source().indexOf('\u0000') >= 0) {
            throw new ScriptCompilationException(
                    name, List.of(name + ": error: the script contains the NUL character (\\u0000); remove it"));
        }
        CompiledScripts.Compiled script = scripts.cached(CompiledScripts.hashOf(request.source()), name)
                .orElseGet(() -> compile(name, request.source()));
        if (!script.workflow() && !request.durableWithoutPragma()) {
            throw new ScriptCompilationException(
                    name,
                    List.of(name + ":1:1: error: not a #workflow script: only durable scripts start here; add the"
                            + " line #workflow at the top of the script (before any other statement) to run it"
                            + " durably"));
        }
        String id = request.executionId().orElseGet(() -> UUID.randomUUID().toString());
        Map<String, Value> variables = new LinkedHashMap<>();
        request.variables().forEach((key, value) -> variables.put(key.toLowerCase(Locale.ROOT), value));
        IncomingValues.requireWithin(variables, settings.limits());
        NewExecution created = Executions.create(interpreter, script, id, variables, Optional.empty(), clock.instant());
        // A local worker with room runs it at once: created leased to that worker, no claim in between.
        Optional<NewExecution.Lease> lease = localWorkers.reserve();
        CreateResult result;
        try {
            result = starts.submit(lease.map(created::leasedTo).orElse(created));
        } catch (RuntimeException | Error e) {
            lease.ifPresent(ignored -> localWorkers.cancel());
            throw e;
        }
        return switch (result) {
            case CreateResult.Created ignored -> {
                lease.ifPresentOrElse(ignoredLease -> localWorkers.runLeased(asCreated(created)), localWorkers::wakeUp);
                yield new StartResult(id, true);
            }
            case CreateResult.Existing existing -> {
                lease.ifPresent(ignoredLease -> localWorkers.cancel());
                if (!existing.scriptHash().equals(script.hash())) {
                    throw new ExecutionConflictException(
                            id,
                            "execution '" + id + "' exists already and runs another script (sha-256 "
                                    + existing.scriptHash() + "); start it with another id, or with that exact"
                                    + " script to get the existing execution");
                }
                yield new StartResult(id, false);
            }
        };
    }

    /**
     * A just-created execution as a worker would have claimed it: its row's version and inbox version
     * are those of a new row (0, the schema's defaults), the snapshot covers its first event, nothing
     * follows it yet.
     */
    private static ClaimedExecution asCreated(NewExecution created) {
        return new ClaimedExecution(
                created.id(),
                created.scriptHash(),
                created.scriptName(),
                0,
                0,
                created.snapshotJson(),
                created.started().seq(),
                List.of(),
                List.of(),
                Optional.empty(),
                Optional.empty());
    }

    private CompiledScripts.Compiled compile(String name, String source) {
        CompilationResult compiled = scripts.compiler().check(name, source);
        if (compiled.plan().isEmpty()) {
            throw new ScriptCompilationException(
                    name,
                    compiled.diagnostics().stream().map(Diagnostic::format).toList());
        }
        return scripts.adopt(name, source, compiled.plan().get());
    }

    @Override
    public void deliverInput(String executionId, String input) {
        deliver(executionId, input, Optional.empty());
    }

    @Override
    public int publishEvent(Optional<String> conversation, String name, Value data, String key) {
        requireNonNull(conversation, "conversation is null");
        requireNonNull(name, "name is null");
        requireNonNull(data, "data is null");
        requireNonNull(key, "key is null");
        if (name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("an event name must have 1 to 200 characters");
        }
        if (key.isEmpty() || key.length() > 300) {
            throw new IllegalArgumentException("an event key must have 1 to 300 characters");
        }
        Optional<String> root = conversation.map(DurableJournal::conversation);
        if (root.isPresent() && store.find(root.get()).isEmpty()) {
            throw new ExecutionNotFoundException(root.get());
        }
        return store.publishEvent(root, name.strip(), EngineJson.write(data), "api/" + key, clock.instant());
    }

    @Override
    public boolean deliverInput(String executionId, String input, String deliveryId) {
        requireNonNull(deliveryId, "deliveryId is null");
        DeliveryIds.requireValid(deliveryId);
        return deliver(executionId, input, Optional.of(deliveryId));
    }

    private boolean deliver(String executionId, String input, Optional<String> deliveryId) {
        requireNonNull(executionId, "executionId is null");
        requireNonNull(input, "input is null");
        int limit = settings.limits().maxInputLength();
        if (input.length() > limit) {
            throw new InputTooLargeException(input.length(), limit);
        }
        // The store routes it to the conversation's owner: a child the execution waits for, if any.
        EventStore.Delivered delivered =
                inputs.submit(new EventStore.InputDelivery(executionId, StorableText.of(input), deliveryId));
        ExecutionStatus before = delivered.before().orElseThrow(() -> new ExecutionNotFoundException(executionId));
        if (delivered.repeat()) {
            return false;
        }
        if (before.isEnded()) {
            throw new ExecutionStateException(
                    executionId, before, "execution " + executionId + " is " + before + " and takes no more input");
        }
        if (before == ExecutionStatus.WAITING_INPUT) {
            localWorkers.wakeUp();
        }
        return true;
    }

    @Override
    public void cancel(String executionId, String reason) {
        requireNonNull(executionId, "executionId is null");
        requireNonNull(reason, "reason is null");
        // The reason is kept as text too (cancel_reason), where NUL cannot be stored.
        String storable = StorableText.of(reason);
        Cancellation cancellation = store.withLocked(
                        executionId, clock.instant(), (row, tail) -> cancelLocked(row, tail, storable))
                .orElseThrow(() -> new ExecutionNotFoundException(executionId));
        if (cancellation.ended().isPresent()) {
            ExecutionStatus status = cancellation.ended().get();
            throw new ExecutionStateException(
                    executionId,
                    status,
                    "execution " + executionId + " is " + status + " already; there is nothing to cancel");
        }
        signals.signal(executionId);
        // The child it waits for, and the ones started by the events just before it: the branches of a
        // STEP n: PARALLEL are started by consecutive ChildStarted events.
        for (long seq = cancellation.childSeq(); seq > 0; seq--) {
            Optional<ExecutionRecord> found = store.child(executionId, seq);
            if (found.isEmpty()) {
                break;
            }
            ExecutionRecord child = found.get();
            if (!child.status().isEnded()) {
                try {
                    cancel(child.id(), reason + " (its parent " + executionId + " was cancelled)");
                } catch (ExecutionStateException ended) {
                    // it ended meanwhile
                }
            }
        }
    }

    /** What a cancellation did: refused (ended), requested from the running worker, or done. */
    private record Cancellation(Optional<ExecutionStatus> ended, long childSeq) {}

    private EventStore.Locked<Cancellation> cancelLocked(ExecutionRecord row, List<StoredEvent> tail, String reason) {
        return switch (row.status()) {
            case COMPLETED, CANCELLED ->
                new EventStore.Locked<>(new Cancellation(Optional.of(row.status()), 0), new LockedChange.None());
            case RUNNING ->
                new EventStore.Locked<>(new Cancellation(Optional.empty(), 0), new LockedChange.RequestCancel(reason));
            case RUNNABLE, WAITING_INPUT, WAITING_TIMER, WAITING_CHILD, FAILED -> {
                ExecutionState state = Executions.restore(row.snapshotJson(), tail);
                long childSeq = state.pending().orElse(null) instanceof PendingWait.Child ? state.sequence() : 0;
                CollectingJournal journal = new CollectingJournal();
                interpreter.cancel(state, journal, reason);
                ExecutionCommit commit = lockedCommit(
                        row,
                        state,
                        journal.events,
                        new Transition.End(ExecutionStatus.CANCELLED, Optional.empty(), Optional.empty()),
                        row.parentId());
                yield new EventStore.Locked<>(
                        new Cancellation(Optional.empty(), childSeq),
                        new LockedChange.Commit(commit, row.parentId().isPresent()));
            }
        };
    }

    @Override
    public void retry(String executionId) {
        requireNonNull(executionId, "executionId is null");
        Optional<ExecutionStatus> refused = store.withLocked(executionId, clock.instant(), (row, tail) -> {
                    if (row.status() != ExecutionStatus.FAILED) {
                        return new EventStore.Locked<>(Optional.of(row.status()), new LockedChange.None());
                    }
                    ExecutionState state = Executions.restore(row.snapshotJson(), tail);
                    CollectingJournal journal = new CollectingJournal();
                    interpreter.retry(state, journal, "retried by an operator");
                    ExecutionCommit commit = lockedCommit(
                            row,
                            state,
                            journal.events,
                            new Transition.Release(
                                    ExecutionStatus.RUNNABLE, Optional.of(clock.instant()), row.inboxVersion()),
                            Optional.empty());
                    return new EventStore.Locked<Optional<ExecutionStatus>>(
                            Optional.empty(), new LockedChange.Commit(commit, true));
                })
                .orElseThrow(() -> new ExecutionNotFoundException(executionId));
        if (refused.isPresent()) {
            throw new ExecutionStateException(
                    executionId,
                    refused.get(),
                    "execution " + executionId + " is " + refused.get() + "; only a FAILED execution can be retried");
        }
        localWorkers.wakeUp();
    }

    private static ExecutionCommit lockedCommit(
            ExecutionRecord row,
            ExecutionState state,
            List<ExecutionEvent> events,
            Transition transition,
            Optional<String> wakeParent) {
        List<EventRecord> records = new ArrayList<>(events.size());
        for (ExecutionEvent event : events) {
            records.add(Executions.record(event));
        }
        return new ExecutionCommit(
                row.id(),
                row.version(),
                state.sequence(),
                records,
                List.of(),
                List.of(),
                Optional.of(new ExecutionCommit.Snapshot(EngineJson.write(state.snapshot()), state.sequence())),
                transition,
                List.of(),
                wakeParent);
    }

    @Override
    public Optional<ExecutionView> find(String executionId) {
        return reader.find(executionId);
    }

    @Override
    public Optional<ExecutionStatus> status(String executionId) {
        requireNonNull(executionId, "executionId is null");
        return store.status(executionId);
    }

    /**
     * What a waiting {@code HEAR} asks, for a front end that shows it (a terminal, buttons for a
     * menu): the variable, the type, a menu's options (their text when they are not plain
     * literals), the attempt. The prompt is empty: it was sent as a message already.
     *
     * @param executionId an execution waiting for input
     * @return what it asks, or empty when it does not wait for input
     */
    public Optional<InputRequest> inputRequest(String executionId) {
        Optional<ExecutionRecord> found = store.find(executionId);
        if (found.isEmpty() || found.get().status() != ExecutionStatus.WAITING_INPUT) {
            return Optional.empty();
        }
        ExecutionRecord row = found.get();
        ExecutionSnapshot state = reader.state(row);
        if (!(state.pending().orElse(null) instanceof PendingWait.Input input)) {
            return Optional.empty();
        }
        Optional<Step.Hear> waiting = reader.waitingHear(row, state);
        if (waiting.isEmpty()) {
            return Optional.empty();
        }
        Step.Hear hear = waiting.get();
        String type = switch (hear.kind()) {
            case Step.HearKind.Any ignored -> "TEXT";
            case Step.HearKind.Typed typed -> typed.type();
            case Step.HearKind.Menu ignored -> "MENU";
        };
        List<String> options = hear.kind() instanceof Step.HearKind.Menu menu
                ? menu.options().stream()
                        .map(option -> option.tree() instanceof Expr.Literal literal
                                ? literal.value().display()
                                : option.text())
                        .toList()
                : List.of();
        return Optional.of(new InputRequest(
                hear.target().variable(),
                type,
                options,
                Optional.empty(),
                input.attempt(),
                settings.limits().inputAttempts()));
    }

    @Override
    public ExecutionPage list(ExecutionQuery query) {
        return store.list(requireNonNull(query, "query is null"));
    }

    @Override
    public List<EventView> history(String executionId, long afterSeq, int limit) {
        return reader.history(executionId, afterSeq, limit);
    }

    @Override
    public List<MessageView> messages(String executionId, long afterSeq, int limit, Duration wait) {
        return awaitMessages(executionId, limit, wait, () -> store.messages(executionId, afterSeq, limit));
    }

    @Override
    public List<MessageView> conversation(String executionId, long afterPosition, int limit, Duration wait) {
        return awaitMessages(executionId, limit, wait, () -> store.conversation(executionId, afterPosition, limit));
    }

    @Override
    public ConversationFollower followConversation(String executionId, long afterPosition) {
        requireNonNull(executionId, "executionId is null");
        SignalledConversationFollower follower = new SignalledConversationFollower(
                executionId, afterPosition, store, signals, settings.messagePollInterval());
        if (store.status(executionId).isEmpty()) {
            follower.close();
            throw new ExecutionNotFoundException(executionId);
        }
        return follower;
    }

    @Override
    public void acknowledgeConversation(String executionId, long uptoPosition) {
        requireNonNull(executionId, "executionId is null");
        if (store.acknowledgeConversation(executionId, uptoPosition) == 0) {
            requireExists(executionId);
        }
    }

    /**
     * Reads messages, and when there are none waits for a commit of this execution (or of a child
     * of it) that may have written some, until the wait is over or the execution ends.
     */
    private List<MessageView> awaitMessages(
            String executionId, int limit, Duration wait, java.util.function.Supplier<List<MessageView>> read) {
        requireNonNull(executionId, "executionId is null");
        requireNonNull(wait, "wait is null");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        if (wait.isZero() || wait.isNegative()) {
            List<MessageView> found = read.get();
            if (found.isEmpty()) {
                requireExists(executionId);
            }
            return found;
        }
        long deadline = System.nanoTime() + wait.toNanos();
        List<MessageView> found = List.of();
        // Registered before the first read, so that a commit between the read and the wait is not missed.
        try (MessageSignals.Registration registration = signals.register(executionId)) {
            while (true) {
                found = read.get();
                if (!found.isEmpty()) {
                    return found;
                }
                ExecutionStatus status =
                        store.status(executionId).orElseThrow(() -> new ExecutionNotFoundException(executionId));
                if (status.isEnded() || status == ExecutionStatus.FAILED) {
                    return read.get();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return found;
                }
                registration.await(Math.min(left, settings.messagePollInterval().toNanos()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return found;
        }
    }

    @Override
    public void acknowledge(String executionId, long uptoSeq) {
        requireNonNull(executionId, "executionId is null");
        if (store.acknowledge(executionId, uptoSeq) == 0) {
            requireExists(executionId);
        }
    }

    private void requireExists(String executionId) {
        if (store.find(executionId).isEmpty()) {
            throw new ExecutionNotFoundException(executionId);
        }
    }
}
