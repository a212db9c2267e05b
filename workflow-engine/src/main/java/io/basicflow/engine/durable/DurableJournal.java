package io.basicflow.engine.durable;

import static java.util.Objects.requireNonNull;

import io.basicflow.compiler.CompilationException;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.MessageExtras;
import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.interpreter.ExecutionState;
import io.basicflow.engine.interpreter.InputRequest;
import io.basicflow.engine.interpreter.Journal;
import io.basicflow.engine.interpreter.Outcome;
import io.basicflow.engine.interpreter.ScriptScheduling;
import io.basicflow.engine.interpreter.TransactionalWork;
import io.basicflow.engine.json.EngineJson;
import io.basicflow.engine.orchestration.BotCalls;
import io.basicflow.engine.state.ChildRequest;
import io.basicflow.engine.state.ChildResult;
import io.basicflow.engine.store.CommitResult;
import io.basicflow.engine.store.EventRecord;
import io.basicflow.engine.store.EventWatch;
import io.basicflow.engine.store.ExecutionCommit;
import io.basicflow.engine.store.ExecutionRecord;
import io.basicflow.engine.store.InboxMessage;
import io.basicflow.engine.store.InputConsumption;
import io.basicflow.engine.store.NewExecution;
import io.basicflow.engine.store.OutboxMessage;
import io.basicflow.engine.store.TransactionalCommit;
import io.basicflow.engine.store.Transition;
import io.basicflow.spi.program.Program;
import io.basicflow.spi.program.Step;
import io.basicflow.spi.value.Value;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The interpreter's journal for one durable activation: it buffers events and writes them at the
 * commit boundaries, through the node's {@link GroupCommitter}:
 *
 * <ul>
 *   <li>before an effect's handler runs ({@link #beforeEffect}: its {@code EffectStarted} is durable
 *       first, and the handler runs outside any transaction);
 *   <li>when the activation ends ({@link #activationEnded}: suspension, yield, end, failure), with a
 *       snapshot of the state;
 *   <li>after {@code checkpointSteps} steps or {@code checkpointInterval} without a commit ({@link
 *       #checkpoint}), with a snapshot when {@code snapshotInterval} events passed since the last.
 * </ul>
 *
 * <p>A {@code TALK}'s message goes to the outbox in the transaction of its event; an input taken from
 * the inbox is marked consumed in the transaction of the event that answers it. A commit whose fence
 * fails throws {@link LeaseLostException}: the activation stops without writing.
 *
 * <p>One instance per activation, used by the activation's thread only.
 */
final class DurableJournal implements Journal {

    private static final long NO_INPUT = -1;

    private final Node node;
    private final String executionId;
    private final Optional<String> parentId;
    private final long seenInboxVersion;
    private final ArrayDeque<InboxMessage> inbox;

    private long version;
    private long snapshotSeq;
    private long lastSeq;

    private final ArrayList<ExecutionEvent> events = new ArrayList<>();
    private final ArrayList<OutboxMessage> messages = new ArrayList<>();
    private final ArrayList<InputConsumption> consumed = new ArrayList<>();
    private final ArrayList<NewExecution> children = new ArrayList<>();
    private long pendingInput = NO_INPUT;
    // ChildStarted events of this activation whose child is not prepared yet (a PARALLEL step records
    // several before asking for any result).
    private final java.util.HashSet<Long> freshChildSeqs = new java.util.HashSet<>();
    private String failedKeyword;
    /** Writes of steps recorded before they were written ({@link #defer}): the next commit carries them. */
    private final ArrayList<DeferredWrites.Pending> deferred = new ArrayList<>();

    private int stepsSinceCommit;
    private long lastCommitNanos = System.nanoTime();
    private String cancelReason;
    /** The watch as the claim read it, until the resumed wait has used it (then {@code UNREAD}). */
    private EventWatch claimedWatch = EventWatch.UNREAD;

    DurableJournal(
            Node node,
            String executionId,
            Optional<String> parentId,
            long version,
            long seenInboxVersion,
            long snapshotSeq,
            long lastSeq,
            List<InboxMessage> inbox) {
        this.node = requireNonNull(node, "node is null");
        this.executionId = requireNonNull(executionId, "executionId is null");
        this.parentId = requireNonNull(parentId, "parentId is null");
        this.version = version;
        this.seenInboxVersion = seenInboxVersion;
        this.snapshotSeq = snapshotSeq;
        this.lastSeq = lastSeq;
        this.inbox = new ArrayDeque<>(inbox);
    }

    @Override
    public boolean recording() {
        return true;
    }

    @Override
    public void record(ExecutionEvent event) {
        events.add(event);
        lastSeq = event.sequence();
        if (pendingInput != NO_INPUT) {
            consumed.add(new InputConsumption(pendingInput, lastSeq));
            pendingInput = NO_INPUT;
        }
        if (event instanceof ExecutionEvent.MessageSent message) {
            messages.add(new OutboxMessage(
                    lastSeq,
                    message.recipient().map(StorableText::of),
                    StorableText.of(message.text()),
                    message.extras().orElse(MessageExtras.NONE)));
        } else if (event instanceof ExecutionEvent.ChildStarted) {
            freshChildSeqs.add(lastSeq);
        } else if (event instanceof ExecutionEvent.ChildCompleted) {
            // A step ends in the activation that started its children only when one could not start
            // (a PARALLEL branch naming no bot): the others are not started either. (Children are
            // otherwise committed by the activation that parks to wait for them.)
            children.clear();
            freshChildSeqs.clear();
        }
        // The keyword of an effect whose failure fails the execution, for the stored error.
        if (event instanceof ExecutionEvent.EffectFailed failed) {
            failedKeyword = failed.keyword();
        } else if (!(event instanceof ExecutionEvent.ExecutionFailed)) {
            failedKeyword = null;
        }
    }

    @Override
    public void checkpoint(ExecutionState state) {
        if (node.abandoned) {
            throw new ActivationInterrupt.Abandoned(executionId);
        }
        if (node.stopping) {
            node.metrics.leaseReleasing(executionId, node.owner);
            commit(
                    state,
                    new Transition.Release(
                            ExecutionStatus.RUNNABLE, Optional.of(node.clock.instant()), seenInboxVersion),
                    true,
                    Optional.empty());
            throw new ActivationInterrupt.Stopped(executionId);
        }
        stepsSinceCommit++;
        if (stepsSinceCommit >= node.settings.checkpointSteps()
                || System.nanoTime() - lastCommitNanos >= node.checkpointNanos) {
            commit(state, new Transition.Continue(), false, Optional.empty());
            cancelIfRequested();
        }
    }

    @Override
    public void beforeEffect(ExecutionState state) {
        if (node.abandoned) {
            throw new ActivationInterrupt.Abandoned(executionId);
        }
        commit(state, new Transition.Continue(), false, Optional.empty());
        cancelIfRequested();
    }

    @Override
    public boolean commitWithin(ExecutionState state, TransactionalWork work) {
        if (!node.store.supportsTransactionalCommits()) {
            return false;
        }
        if (node.abandoned) {
            throw new ActivationInterrupt.Abandoned(executionId);
        }
        if (!deferred.isEmpty()) {
            // a step that writes with its commit may read what the deferred writes wrote: they go first
            commit(state, new Transition.Continue(), false, Optional.empty());
            cancelIfRequested();
        }
        ExecutionCommit[] made = {null};
        CommitResult result = node.committer.commitTransactional(new TransactionalCommit(
                executionId, version, new TransactionalCommit.Work() {
                    @Override
                    public boolean write(java.sql.Connection connection, boolean guarded) throws java.sql.SQLException {
                        return work.write(connection, guarded);
                    }

                    @Override
                    public ExecutionCommit record() {
                        work.record();
                        made[0] = prepare(state, new Transition.Continue(), false, Optional.empty());
                        return made[0];
                    }

                    @Override
                    public Optional<TransactionalWork.Batched> batched() {
                        return work.batched();
                    }
                }));
        written(result, made[0]);
        cancelIfRequested();
        return true;
    }

    /**
     * Takes a write for the next commit, when deferral is on ({@link DurableSettings#deferredWrites()}),
     * the step is past the one whose deferred write the database last refused in this execution ({@link
     * Node#deferralOff}), and the write has the batch of the ones pending (else those are committed
     * first, so that one execution's writes are written in the order its steps ran). At the bound, the
     * pending writes are committed first.
     */
    @Override
    public boolean defer(ExecutionState state, TransactionalWork.Batched write, long sequence) {
        int bound = node.settings.deferredWrites();
        if (bound == 0 || !node.store.supportsTransactionalCommits()) {
            return false;
        }
        Long off = node.deferralOff.get(executionId);
        if (off != null && sequence <= off) {
            return false;
        }
        if (node.abandoned) {
            throw new ActivationInterrupt.Abandoned(executionId);
        }
        if (!deferred.isEmpty()) {
            TransactionalWork.Batched first = deferred.getFirst().write();
            if (deferred.size() >= bound
                    || first.handler() != write.handler()
                    || !first.key().equals(write.key())) {
                commit(state, new Transition.Continue(), false, Optional.empty());
                cancelIfRequested();
            }
        }
        deferred.add(new DeferredWrites.Pending(write, sequence));
        return true;
    }

    @Override
    public Optional<String> nextInput(InputRequest request) {
        InboxMessage message = inbox.pollFirst();
        if (message == null) {
            return Optional.empty();
        }
        pendingInput = message.id();
        return Optional.of(message.text());
    }

    @Override
    public boolean awaitTimer(Instant wakeAt) {
        return !node.clock.instant().isBefore(wakeAt);
    }

    @Override
    public Optional<ChildResult> childResult(ChildRequest request) {
        return childResult(request, lastSeq);
    }

    @Override
    public Optional<ChildResult> childResult(ChildRequest request, long seq) {
        if (freshChildSeqs.remove(seq)) {
            try {
                children.add(prepareChild(request, seq));
                return Optional.empty();
            } catch (ChildScriptException | CompilationException e) {
                return Optional.of(new ChildResult.Failed(String.valueOf(e.getMessage())));
            } catch (IllegalArgumentException e) {
                return Optional.of(new ChildResult.Failed(request.script() + " cannot start: " + e.getMessage()));
            }
        }
        Optional<ExecutionRecord> child = node.store.child(executionId, seq);
        if (child.isEmpty()) {
            return Optional.of(new ChildResult.Failed("the child execution " + ChildIds.of(executionId, seq)
                    + " that this step started is missing from the store"));
        }
        ExecutionRecord row = child.get();
        return switch (row.status()) {
            case COMPLETED ->
                Optional.of(new ChildResult.Returned(row.resultJson().map(EngineJson::readValue)));
            case FAILED ->
                Optional.of(new ChildResult.Failed(row.errorJson()
                        .map(json -> StoredErrors.read(json).message())
                        .orElse(row.id() + " failed")));
            case CANCELLED ->
                Optional.of(new ChildResult.Failed(row.scriptName() + " (execution " + row.id() + ") was cancelled"));
            case RUNNABLE, RUNNING, WAITING_INPUT, WAITING_TIMER, WAITING_CHILD -> Optional.empty();
        };
    }

    @Override
    public boolean receivesEvents() {
        return true;
    }

    @Override
    public Optional<Value> watchEvent(String name, long awaitedSeq) {
        return node.store
                .watchEvent(executionId, conversation(executionId), name, awaitedSeq)
                .map(EngineJson::readValue);
    }

    /**
     * Hands over what the claim read of this execution's watch: the resumed wait uses it instead of a
     * query of its own. Used once: a later wait of the same activation reads the store.
     */
    void claimedWatch(EventWatch watch) {
        claimedWatch = requireNonNull(watch, "watch is null");
    }

    @Override
    public Optional<Value> receivedEvent(String name) {
        EventWatch watch = claimedWatch;
        if (watch.read()) {
            claimedWatch = EventWatch.UNREAD;
            return watch.receivedJson().map(EngineJson::readValue);
        }
        return node.store.watchedEvent(executionId).map(EngineJson::readValue);
    }

    @Override
    public void publishEvent(String name, Value data, String key) {
        node.store.publishEvent(
                Optional.of(conversation(executionId)), name, EngineJson.write(data), key, node.clock.instant());
    }

    @Override
    public void scheduleScript(ScriptScheduling request, String key) {
        io.basicflow.engine.schedule.ScheduleRegistrations.requireValid(request.when(), node.clock.getZone());
        ChildRequest call = new ChildRequest(
                request.bot() ? ChildRequest.Kind.BOT : ChildRequest.Kind.SCRIPT,
                request.script(),
                request.parentScript(),
                request.arguments());
        ChildScripts.PreparedChild prepared;
        Map<String, Value> variables;
        try {
            prepared = node.children.prepare(call);
            CompiledScripts.Compiled script = node.scripts.compile(prepared.scriptName(), prepared.source());
            variables = prepared.variables()
                    .orElseGet(() -> request.bot()
                            ? io.basicflow.engine.orchestration.BotCalls.variables(call)
                            : bindParameters(script.program().program(), call));
        } catch (ChildScriptException | io.basicflow.compiler.CompilationException e) {
            throw new io.basicflow.engine.schedule.ScheduleRefusedException(
                    request.statement() + ": " + e.getMessage());
        }
        node.store.registerSchedule(io.basicflow.engine.schedule.ScheduleRegistrations.of(
                request.when(),
                key,
                executionId,
                prepared.scriptName(),
                prepared.source(),
                EngineJson.write(new io.basicflow.spi.value.MapValue(variables)),
                node.clock.instant(),
                node.clock.getZone()));
    }

    /** The conversation of an execution: the root of its tree of children ({@link ChildIds}). */
    static String conversation(String executionId) {
        int tilde = executionId.indexOf('~');
        return tilde < 0 ? executionId : executionId.substring(0, tilde);
    }

    @Override
    public void activationEnded(ExecutionState state, Outcome outcome) {
        if (node.abandoned) {
            throw new ActivationInterrupt.Abandoned(executionId);
        }
        Instant now = node.clock.instant();
        Transition transition = switch (outcome) {
            case Outcome.Completed completed ->
                new Transition.End(
                        ExecutionStatus.COMPLETED, completed.result().map(EngineJson::write), Optional.empty());
            case Outcome.Failed failed ->
                new Transition.End(
                        ExecutionStatus.FAILED,
                        Optional.empty(),
                        Optional.of(StoredErrors.write(failed.error(), Optional.ofNullable(failedKeyword))));
            case Outcome.Cancelled ignored ->
                new Transition.End(ExecutionStatus.CANCELLED, Optional.empty(), Optional.empty());
            case Outcome.WaitingInput ignored ->
                new Transition.Release(ExecutionStatus.WAITING_INPUT, Optional.empty(), seenInboxVersion);
            case Outcome.WaitingTimer waiting ->
                new Transition.Release(ExecutionStatus.WAITING_TIMER, Optional.of(waiting.wakeAt()), seenInboxVersion);
            case Outcome.WaitingChild ignored ->
                new Transition.Release(ExecutionStatus.WAITING_CHILD, Optional.empty(), seenInboxVersion);
            case Outcome.Yielded ignored ->
                new Transition.Release(ExecutionStatus.RUNNABLE, Optional.of(now), seenInboxVersion);
        };
        Optional<String> wakeParent = transition instanceof Transition.End ? parentId : Optional.empty();
        node.metrics.leaseReleasing(executionId, node.owner);
        commit(state, transition, true, wakeParent);
    }

    private void cancelIfRequested() {
        if (cancelReason != null) {
            String reason = cancelReason;
            cancelReason = null;
            throw new ActivationInterrupt.CancelRequested(reason);
        }
    }

    private void commit(
            ExecutionState state, Transition transition, boolean snapshotAtEnd, Optional<String> wakeParent) {
        if (events.isEmpty() && transition instanceof Transition.Continue) {
            return;
        }
        if (!deferred.isEmpty()) {
            ExecutionCommit[] made = {null};
            DeferredWrites work =
                    new DeferredWrites(deferred, () -> made[0] = prepare(state, transition, snapshotAtEnd, wakeParent));
            CommitResult result =
                    node.committer.commitTransactional(new TransactionalCommit(executionId, version, work));
            if (work.withdrawn()) {
                node.deferralOff.put(executionId, work.refusedAt());
                throw new DeferredWriteRefused(executionId, work.refusedAt(), work.refusal());
            }
            written(result, made[0]);
            return;
        }
        ExecutionCommit commit = prepare(state, transition, snapshotAtEnd, wakeParent);
        written(node.committer.commit(commit), commit);
    }

    /** The commit of what is buffered, as of {@code state}. */
    private ExecutionCommit prepare(
            ExecutionState state, Transition transition, boolean snapshotAtEnd, Optional<String> wakeParent) {
        if (state.sequence() != lastSeq) {
            throw new IllegalStateException("execution " + executionId + ": the state is at event " + state.sequence()
                    + " but the journal at " + lastSeq);
        }
        List<EventRecord> records = StepRuns.records(events);
        boolean snapshotDue =
                lastSeq > snapshotSeq && (snapshotAtEnd || lastSeq - snapshotSeq >= node.settings.snapshotInterval());
        Optional<ExecutionCommit.Snapshot> snapshot = snapshotDue
                ? Optional.of(new ExecutionCommit.Snapshot(EngineJson.write(state.snapshot()), lastSeq))
                : Optional.empty();
        return new ExecutionCommit(
                executionId, version, lastSeq, records, messages, consumed, snapshot, transition, children, wakeParent);
    }

    /** Takes a commit's result: the new fence, the buffers emptied; a lost lease stops the activation. */
    private void written(CommitResult result, ExecutionCommit commit) {
        if (!result.committed()) {
            node.metrics.leaseLost(executionId);
            throw new LeaseLostException(executionId, node.owner);
        }
        version = result.version();
        if (commit.snapshot().isPresent()) {
            snapshotSeq = commit.snapshot().get().seq();
        }
        events.clear();
        deferred.clear();
        if (!node.deferralOff.isEmpty()) {
            // past the step whose deferred write was refused: its next steps may defer again
            node.deferralOff.computeIfPresent(executionId, (id, off) -> off <= commit.lastSeq() ? null : off);
        }
        messages.clear();
        consumed.clear();
        children.clear();
        stepsSinceCommit = 0;
        lastCommitNanos = System.nanoTime();
        cancelReason = result.cancelRequested().orElse(null);
    }

    private NewExecution prepareChild(ChildRequest request, long seq) {
        int depth = ChildIds.depth(executionId) + 1;
        if (depth > node.settings.maxChildDepth()) {
            throw new ChildScriptException("scripts start each other deeper than " + node.settings.maxChildDepth()
                    + " levels (a cycle of CALLs?)");
        }
        String childId = ChildIds.of(executionId, seq);
        if (childId.length() > ChildIds.MAX_LENGTH) {
            throw new ChildScriptException("the child's execution id would be longer than " + ChildIds.MAX_LENGTH
                    + " characters; start the parent with a shorter id");
        }
        ChildScripts.PreparedChild prepared = node.children.prepare(request);
        CompiledScripts.Compiled script = node.scripts.compile(prepared.scriptName(), prepared.source());
        Map<String, Value> variables = prepared.variables()
                .orElseGet(() -> request.kind() == ChildRequest.Kind.BOT
                        ? BotCalls.variables(request)
                        : bindParameters(script.program().program(), request));
        return Executions.create(
                node.interpreter,
                script,
                childId,
                variables,
                Optional.of(new NewExecution.ParentLink(executionId, seq)),
                node.clock.instant());
    }

    /** Binds a tool's positional arguments to its {@code PARAM}s, in the order they are declared. */
    static Map<String, Value> bindParameters(Program program, ChildRequest request) {
        List<String> parameters = new ArrayList<>();
        for (Step step : program.body()) {
            if (step instanceof Step.Param param) {
                parameters.add(param.name());
            }
        }
        if (request.arguments().size() > parameters.size()) {
            throw new ChildScriptException(program.name() + " takes " + parameters.size()
                    + " argument(s) (its PARAMs), but " + request.arguments().size() + " were given");
        }
        Map<String, Value> arguments = new LinkedHashMap<>();
        for (int i = 0; i < request.arguments().size(); i++) {
            arguments.put(parameters.get(i), request.arguments().get(i));
        }
        return arguments;
    }
}
