package io.basicflow.testkit.internal;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.api.ExecutionPage;
import io.basicflow.engine.api.ExecutionQuery;
import io.basicflow.engine.api.MessageView;
import io.basicflow.engine.store.ClaimedExecution;
import io.basicflow.engine.store.CommitResult;
import io.basicflow.engine.store.CreateResult;
import io.basicflow.engine.store.EventStore;
import io.basicflow.engine.store.ExecutionCommit;
import io.basicflow.engine.store.ExecutionRecord;
import io.basicflow.engine.store.NewExecution;
import io.basicflow.engine.store.ScriptSource;
import io.basicflow.engine.store.StoredEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The store as one engine of the kit sees it: the real store, until the engine "dies". When a commit
 * fires a point of the {@link CrashPlan}, the engine dies at its <em>next</em> commit (as if the
 * process had been killed between the two): that commit and every later call fail with {@link
 * SimulatedCrashException}, and the kit is told so that it can start a new engine. Nothing the dead
 * engine does afterwards reaches the database.
 */
final class CrashingEventStore implements EventStore {

    private final EventStore store;
    private final CrashPlan plan;
    private final Runnable onDeath;
    private volatile boolean dying;
    private volatile boolean dead;

    CrashingEventStore(EventStore store, CrashPlan plan, Runnable onDeath) {
        this.store = requireNonNull(store, "store is null");
        this.plan = requireNonNull(plan, "plan is null");
        this.onDeath = requireNonNull(onDeath, "onDeath is null");
    }

    boolean dead() {
        return dead;
    }

    private void alive() {
        if (dead) {
            throw new SimulatedCrashException();
        }
    }

    /** Dies at this commit when the last one fired a crash point. */
    private synchronized void commitOrDie() {
        alive();
        if (dying) {
            dead = true;
            onDeath.run();
            throw new SimulatedCrashException();
        }
    }

    @Override
    public List<CommitResult> commit(String owner, List<ExecutionCommit> commits, Instant now) {
        commitOrDie();
        List<CommitResult> results = store.commit(owner, commits, now);
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i).committed() && plan.written(commits.get(i))) {
                dying = true;
            }
        }
        return results;
    }

    @Override
    public boolean supportsTransactionalCommits() {
        return store.supportsTransactionalCommits();
    }

    /**
     * The commits of data keywords (written in the step's own transaction), with the same crash points:
     * each work's recorded commit is kept to be shown to the plan once the transaction committed.
     */
    @Override
    public List<CommitResult> commitTransactional(
            String owner, List<io.basicflow.engine.store.TransactionalCommit> commits, Instant now) {
        commitOrDie();
        List<ExecutionCommit[]> recorded = new java.util.ArrayList<>(commits.size());
        List<io.basicflow.engine.store.TransactionalCommit> watched = new java.util.ArrayList<>(commits.size());
        for (io.basicflow.engine.store.TransactionalCommit commit : commits) {
            ExecutionCommit[] holder = new ExecutionCommit[1];
            recorded.add(holder);
            watched.add(new io.basicflow.engine.store.TransactionalCommit(
                    commit.executionId(),
                    commit.expectedVersion(),
                    io.basicflow.engine.store.TransactionalCommit.watched(commit.work(), made -> holder[0] = made)));
        }
        List<CommitResult> results = store.commitTransactional(owner, watched, now);
        for (int i = 0; i < results.size(); i++) {
            ExecutionCommit written = recorded.get(i)[0];
            if (results.get(i).committed() && written != null && plan.written(written)) {
                dying = true;
            }
        }
        return results;
    }

    @Override
    public List<CreateResult> createAll(List<NewExecution> executions) {
        alive();
        return store.createAll(executions);
    }

    @Override
    public Optional<ScriptSource> script(String hash) {
        alive();
        return store.script(hash);
    }

    @Override
    public List<ClaimedExecution> claim(String owner, int limit, Instant now, Duration leaseTimeout) {
        alive();
        return store.claim(owner, limit, now, leaseTimeout);
    }

    @Override
    public Optional<Instant> nextWakeAt() {
        alive();
        return store.nextWakeAt();
    }

    @Override
    public int renewLeases(String owner, Collection<String> executionIds, Duration leaseTimeout) {
        alive();
        return store.renewLeases(owner, executionIds, leaseTimeout);
    }

    @Override
    public int freeExpiredLeases(int limit, Instant now, String owner, Collection<String> running) {
        alive();
        return store.freeExpiredLeases(limit, now, owner, running);
    }

    @Override
    public List<String> leaseOwners() {
        alive();
        return store.leaseOwners();
    }

    @Override
    public int freeLeasesOf(String owner, Instant now) {
        alive();
        return store.freeLeasesOf(owner, now);
    }

    @Override
    public boolean releaseLease(String executionId, String owner, Instant now) {
        alive();
        return store.releaseLease(executionId, owner, now);
    }

    @Override
    public AutoCloseable listen(Runnable onWork) {
        alive();
        return store.listen(onWork);
    }

    @Override
    public Optional<ExecutionRecord> find(String executionId) {
        alive();
        return store.find(executionId);
    }

    @Override
    public ExecutionPage list(ExecutionQuery query) {
        alive();
        return store.list(query);
    }

    @Override
    public List<StoredEvent> events(String executionId, long afterSeq, int limit) {
        alive();
        return store.events(executionId, afterSeq, limit);
    }

    @Override
    public Optional<ExecutionRecord> child(String parentId, long parentSeq) {
        alive();
        return store.child(parentId, parentSeq);
    }

    @Override
    public List<Delivered> deliverInputs(List<InputDelivery> deliveries, Instant now) {
        alive();
        return store.deliverInputs(deliveries, now);
    }

    @Override
    public <T> Optional<T> withLocked(
            String executionId, Instant now, BiFunction<ExecutionRecord, List<StoredEvent>, Locked<T>> operation) {
        alive();
        return store.withLocked(executionId, now, operation);
    }

    @Override
    public List<MessageView> messages(String executionId, long afterSeq, int limit) {
        alive();
        return store.messages(executionId, afterSeq, limit);
    }

    @Override
    public int acknowledge(String executionId, long uptoSeq) {
        alive();
        return store.acknowledge(executionId, uptoSeq);
    }

    @Override
    public List<MessageView> conversation(String executionId, long afterPosition, int limit) {
        alive();
        return store.conversation(executionId, afterPosition, limit);
    }

    @Override
    public int acknowledgeConversation(String executionId, long uptoPosition) {
        alive();
        return store.acknowledgeConversation(executionId, uptoPosition);
    }

    @Override
    public java.util.Map<io.basicflow.engine.api.ExecutionStatus, Long> countByStatus() {
        alive();
        return store.countByStatus();
    }
}
