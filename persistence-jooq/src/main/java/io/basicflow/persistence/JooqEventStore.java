package io.basicflow.persistence;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.api.ExecutionPage;
import io.basicflow.engine.api.ExecutionQuery;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.MessageView;
import io.basicflow.engine.store.ClaimedExecution;
import io.basicflow.engine.store.CommitResult;
import io.basicflow.engine.store.ConversationRead;
import io.basicflow.engine.store.CreateResult;
import io.basicflow.engine.store.EventStore;
import io.basicflow.engine.store.ExecutionCommit;
import io.basicflow.engine.store.ExecutionRecord;
import io.basicflow.engine.store.LockedChange;
import io.basicflow.engine.store.NewExecution;
import io.basicflow.engine.store.ScriptSource;
import io.basicflow.engine.store.StoredEvent;
import io.basicflow.engine.store.TransactionalCommit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.jooq.DSLContext;

/**
 * The engine's {@link EventStore} on PostgreSQL, through jOOQ. Every method is one short
 * transaction; the group commit is usually a single statement ({@link CommitRepository}).
 * Notifications use {@code LISTEN/NOTIFY} on the channel {@code basicflow_work}.
 */
public final class JooqEventStore implements EventStore, AutoCloseable {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(JooqEventStore.class);
    /** Deliveries chosen as a deadlock's victim are repeated up to this many attempts in all. */
    private static final int DEADLOCK_ATTEMPTS = 5;

    private final Database database;
    private final WorkNotifier notifier;
    private final int connectionAttempts;

    /**
     * Creates the store on a database (started before the first call).
     *
     * @param database the database
     */
    public JooqEventStore(Database database) {
        this.database = requireNonNull(database, "database is null");
        this.notifier = new WorkNotifier(database);
        this.connectionAttempts = database.config().pool().maximumSize();
    }

    /** Stops the notifier thread (the database is the caller's). */
    @Override
    public void close() {
        notifier.close();
    }

    private DSLContext dsl() {
        return database.dsl();
    }

    // ---- creating ----

    @Override
    public List<CreateResult> createAll(List<NewExecution> executions) {
        if (executions.isEmpty()) {
            return List.of();
        }
        // One statement (scripts, rows, first events) is its own transaction; it may run twice.
        List<Optional<String>> existing =
                retryOnLostConnection(() -> new ExecutionRepository(dsl()).createAll(executions));
        List<CreateResult> results = new ArrayList<>(existing.size());
        boolean runnable = false;
        for (int i = 0; i < existing.size(); i++) {
            Optional<String> hash = existing.get(i);
            // A leased one runs in the creating process at once: no worker needs to hear of it.
            runnable |= hash.isEmpty() && executions.get(i).lease().isEmpty();
            results.add(hash.<CreateResult>map(CreateResult.Existing::new).orElseGet(CreateResult.Created::new));
        }
        if (runnable) {
            notifier.request();
        }
        return results;
    }

    @Override
    public Optional<ScriptSource> script(String hash) {
        return retryOnLostConnection(() -> new ScriptRepository(dsl()).sourceByHash(hash));
    }

    /**
     * Runs a write that is safe to repeat (idempotent) or a read again when its connection turned out
     * dead: a pooled connection that the server dropped fails one statement before the pool evicts
     * it, and after {@code pg_terminate_backend} or a server restart every pooled connection may be
     * dead, so it tries once more than the pool has connections. An API caller should not see a
     * failure because the database dropped pooled connections. Waiting for a connection in vain (the
     * pool's timeout) is not repeated. (Commits go through {@link CommitRetry} instead.)
     */
    private <T> T retryOnLostConnection(java.util.function.Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (org.jooq.exception.DataAccessException e) {
                if (ConnectionFailure.of(e) != ConnectionFailure.SERVER_ENDED || attempt > connectionAttempts) {
                    throw e;
                }
            }
        }
    }

    // ---- workers ----

    @Override
    public List<ClaimedExecution> claim(String owner, int limit, Instant now, Duration leaseTimeout) {
        // One transaction: when reading the claimed executions' events or inbox fails (a lost connection),
        // the claim is undone too, instead of leaving them leased with no activation until the lease expires.
        return dsl().transactionResult(
                        transaction -> new ClaimStatements(transaction.dsl()).claim(owner, limit, now, leaseTimeout));
    }

    @Override
    public Optional<Instant> nextWakeAt() {
        return new ExecutionRepository(dsl()).nextWakeAt();
    }

    @Override
    public List<CommitResult> commit(String owner, List<ExecutionCommit> commits, Instant now) {
        requireNonNull(owner, "owner is null");
        if (commits.isEmpty()) {
            return List.of();
        }
        // A lost connection fails one statement of a pooled connection: commit again (fencing makes it safe).
        return CommitRetry.run(dsl(), commits, () -> commitOnce(owner, commits, now));
    }

    @Override
    public boolean supportsTransactionalCommits() {
        return true;
    }

    /**
     * One transaction: lock the rows of the executions still leased by {@code owner} at their expected
     * version ({@code FOR UPDATE}, in id order like every group commit), run the work of each fenced
     * one on the transaction's connection (a data keyword's write, its events recorded), write the
     * commits the works made, commit. The works first write unguarded (no savepoint, one round trip
     * fewer each); when one fails, that transaction is rolled back and the group is written again in a
     * new one, each work in a savepoint, so that the failing write fails only its own step. Not retried
     * on a lost connection: the works changed their activations' state, which then resume from what was
     * committed.
     */
    @Override
    public List<CommitResult> commitTransactional(String owner, List<TransactionalCommit> commits, Instant now) {
        requireNonNull(owner, "owner is null");
        if (commits.isEmpty()) {
            return List.of();
        }
        boolean[] woke = new boolean[1];
        List<CommitResult> results;
        try {
            results = PlainTransaction.run(dsl(), tx -> transactional(tx, owner, commits, now, woke, false));
        } catch (RuntimeException e) {
            if (!(e instanceof UnguardedWriteFailed) && !(e.getCause() instanceof UnguardedWriteFailed)) {
                throw e;
            }
            // nothing of the first attempt was committed, and no work recorded anything
            woke[0] = false;
            results = PlainTransaction.run(dsl(), tx -> transactional(tx, owner, commits, now, woke, true));
        }
        if (woke[0]) {
            notifier.request();
        }
        return results;
    }

    /** A work failed without a savepoint: the transaction is rolled back and the group written guarded. */
    private static final class UnguardedWriteFailed extends RuntimeException {
        UnguardedWriteFailed() {
            super("a transactional write failed without a savepoint", null, false, false);
        }
    }

    private static List<CommitResult> transactional(
            DSLContext tx,
            String owner,
            List<TransactionalCommit> commits,
            Instant now,
            boolean[] woke,
            boolean guarded) {
        java.util.Map<String, String> fenced = TransactionalFence.lock(tx, owner, commits);
        List<TransactionalCommit> running = new ArrayList<>(fenced.size());
        for (TransactionalCommit commit : commits) {
            if (fenced.containsKey(commit.executionId())) {
                running.add(commit);
            }
        }
        tx.connection(connection -> {
            if (!guarded) {
                // optimistic: the calls of a batch (SAVEs to one table) by one statement, the others alone
                List<TransactionalCommit.Work> works = new ArrayList<>(running.size());
                for (TransactionalCommit commit : running) {
                    works.add(commit.work());
                }
                if (!TransactionalCommit.writeUnguarded(works, connection)) {
                    throw new UnguardedWriteFailed();
                }
                return;
            }
            for (TransactionalCommit commit : running) {
                if (!commit.work().write(connection, true)) {
                    throw new IllegalStateException("a guarded transactional write gave no outcome");
                }
            }
        });
        List<ExecutionCommit> made = new ArrayList<>(running.size());
        for (TransactionalCommit commit : running) {
            if (!commit.work().withdrawn()) { // a refused deferred write: its execution is left out
                made.add(commit.work().record());
            }
        }
        // The fence holds every row locked FOR UPDATE until the commit: a group that only appends events
        // (its activations go on running) needs no row update (CommitRepository.appendFenced).
        List<CommitResult> written = made.isEmpty()
                ? List.of()
                : CommitRepository.appendsOnly(made)
                        ? new CommitRepository(tx).appendFenced(made, fenced)
                        : write(tx, made, owner, now, woke);
        java.util.Map<String, CommitResult> byId = new java.util.HashMap<>();
        for (CommitResult result : written) {
            byId.put(result.executionId(), result);
        }
        List<CommitResult> answers = new ArrayList<>(commits.size());
        for (TransactionalCommit commit : commits) {
            answers.add(byId.getOrDefault(commit.executionId(), CommitResult.leaseLost(commit.executionId())));
        }
        return answers;
    }

    private List<CommitResult> commitOnce(String owner, List<ExecutionCommit> commits, Instant now) {
        boolean extras = false;
        for (ExecutionCommit commit : commits) {
            extras |= !commit.children().isEmpty() || commit.wakeParent().isPresent();
        }
        if (!extras) {
            // One statement is its own transaction: the whole group in one round trip. (Not retried here:
            // CommitRetry retries, and must see every failure to confirm a commit whose answer was lost.)
            return new CommitRepository(dsl()).write(commits, owner, now);
        }
        boolean[] woke = new boolean[1];
        List<CommitResult> results =
                dsl().transactionResult(transaction -> write(transaction.dsl(), commits, owner, now, woke));
        if (woke[0]) {
            notifier.request();
        }
        return results;
    }

    /**
     * Writes commits and what they start or wake, in the caller's transaction; {@code woke[0]} says
     * whether executions became runnable (the caller notifies after the commit).
     */
    private static List<CommitResult> write(
            DSLContext tx, List<ExecutionCommit> commits, String owner, Instant now, boolean[] woke) {
        List<CommitResult> results = new CommitRepository(tx).write(commits, owner, now);
        Set<String> parents = new LinkedHashSet<>();
        List<NewExecution> children = new ArrayList<>();
        for (int i = 0; i < commits.size(); i++) {
            if (!results.get(i).committed()) {
                continue;
            }
            ExecutionCommit commit = commits.get(i);
            children.addAll(commit.children());
            commit.wakeParent().ifPresent(parents::add);
        }
        // One statement for every child the group starts (their ids, parent~seq, are distinct).
        boolean started = !children.isEmpty()
                && new ExecutionRepository(tx).createAll(children).stream().anyMatch(Optional::isEmpty);
        boolean woken = !parents.isEmpty() && new ExecutionRepository(tx).wakeParents(parents, now) > 0;
        woke[0] |= started || woken;
        return results;
    }

    @Override
    public int renewLeases(String owner, Collection<String> executionIds, Duration leaseTimeout) {
        if (executionIds.isEmpty()) {
            return 0;
        }
        return new ExecutionRepository(dsl()).renewLeases(owner, executionIds, leaseTimeout);
    }

    @Override
    public int freeExpiredLeases(int limit, Instant now, String owner, Collection<String> running) {
        int freed = new ExecutionRepository(dsl()).freeExpired(limit, now, owner, running);
        if (freed > 0) {
            notifier.request();
        }
        return freed;
    }

    @Override
    public List<String> leaseOwners() {
        return new ExecutionRepository(dsl()).leaseOwners();
    }

    @Override
    public int freeLeasesOf(String owner, Instant now) {
        int freed = new ExecutionRepository(dsl()).freeOwner(owner, now);
        if (freed > 0) {
            notifier.request();
        }
        return freed;
    }

    @Override
    public boolean releaseLease(String executionId, String owner, Instant now) {
        return new ExecutionRepository(dsl()).release(executionId, owner, now);
    }

    @Override
    public AutoCloseable listen(Runnable onWork) {
        return new WorkListener(database, onWork).start();
    }

    // ---- reading ----

    @Override
    public Optional<ExecutionRecord> find(String executionId) {
        return retryOnLostConnection(() -> new ExecutionRepository(dsl()).find(executionId));
    }

    @Override
    public Optional<ExecutionStatus> status(String executionId) {
        return retryOnLostConnection(() -> new ExecutionRepository(dsl()).status(executionId));
    }

    @Override
    public ExecutionPage list(ExecutionQuery query) {
        return retryOnLostConnection(() -> new ExecutionRepository(dsl()).list(query));
    }

    @Override
    public List<StoredEvent> events(String executionId, long afterSeq, int limit) {
        return retryOnLostConnection(() -> new EventRepository(dsl()).after(executionId, afterSeq, limit));
    }

    @Override
    public Optional<ExecutionRecord> child(String parentId, long parentSeq) {
        return retryOnLostConnection(() -> new ExecutionRepository(dsl()).child(parentId, parentSeq));
    }

    // ---- events ----

    @Override
    public Optional<String> watchEvent(String executionId, String conversationId, String name, long awaitedSeq) {
        return retryOnLostConnection(
                () -> new PublishedEventsRepository(dsl()).watch(executionId, conversationId, name, awaitedSeq));
    }

    @Override
    public Optional<String> watchedEvent(String executionId) {
        return retryOnLostConnection(() -> new PublishedEventsRepository(dsl()).watched(executionId));
    }

    @Override
    public int publishEvent(Optional<String> conversationId, String name, String valueJson, String key, Instant now) {
        // Repeating it is safe: the key makes a second insert do nothing.
        int woken = retryOnLostConnection(() -> dsl().transactionResult(tx -> {
            int served = new PublishedEventsRepository(tx.dsl()).publish(conversationId, name, valueJson, key, now);
            // ON "event" handlers: one start each, in the publication's transaction (docs/orchestration.md)
            tx.dsl()
                    .connection(c ->
                            new EventHandlersRepository(c).startHandlers(conversationId, name, valueJson, key, now));
            return served;
        }));
        if (woken > 0) {
            notifier.request();
        }
        return woken;
    }

    @Override
    public boolean registerSchedule(io.basicflow.engine.schedule.ScheduleRegistration registration) {
        // Repeating it is safe: the registration's id makes a second insert do nothing.
        return retryOnLostConnection(() -> dsl().transactionResult(tx ->
                tx.dsl().connectionResult(c -> new RegisteredSchedulesRepository(c).register(registration))));
    }

    // ---- API writes ----

    @Override
    public List<Delivered> deliverInputs(List<InputDelivery> deliveries, Instant now) {
        if (deliveries.isEmpty()) {
            return List.of();
        }
        // Not repeated on a lost connection: the input may have been stored before the answer was
        // lost. The caller repeats it, with a delivery id when it must not be stored twice.
        List<Delivered> before = deliverRetryingDeadlocks(deliveries, now);
        if (before.stream()
                .anyMatch(delivered -> !delivered.repeat()
                        && delivered.before().isPresent()
                        && delivered.before().get() == ExecutionStatus.WAITING_INPUT)) {
            notifier.request();
        }
        return before;
    }

    /**
     * Repeats a delivery that PostgreSQL chose as a deadlock's victim: the statement was rolled back
     * whole (it is one statement in its own transaction), so nothing of it was stored. A group commit
     * locks the rows of the executions it writes in the order of its join, which the planner picks;
     * under load (bench chat, a reply read before its activation's last commit) a batch of inputs and
     * a group commit that share two executions met in opposite orders.
     */
    private List<Delivered> deliverRetryingDeadlocks(List<InputDelivery> deliveries, Instant now) {
        for (int attempt = 1; ; attempt++) {
            try {
                return new ExecutionRepository(dsl()).deliver(deliveries, now);
            } catch (RuntimeException e) {
                if (attempt >= DEADLOCK_ATTEMPTS || !deadlock(e)) {
                    throw e;
                }
                log.info("Input delivery chosen as a deadlock victim (attempt {}); delivering again", attempt);
            }
        }
    }

    private static boolean deadlock(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && "40P01".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public <T> Optional<T> withLocked(
            String executionId, Instant now, BiFunction<ExecutionRecord, List<StoredEvent>, Locked<T>> operation) {
        boolean[] notify = new boolean[1];
        Optional<T> answer = dsl().transactionResult(transaction -> {
            DSLContext tx = transaction.dsl();
            Optional<ExecutionRecord> row = new ExecutionRepository(tx).lock(executionId);
            if (row.isEmpty()) {
                return Optional.empty();
            }
            ExecutionRecord locked = row.get();
            // Every event after the snapshot: light commits append events beyond last_seq.
            List<StoredEvent> tail =
                    new EventRepository(tx).after(executionId, locked.snapshotSeq(), Integer.MAX_VALUE);
            Locked<T> decision = operation.apply(locked, tail);
            switch (decision.change()) {
                case LockedChange.None ignored -> {}
                case LockedChange.RequestCancel cancel ->
                    new ExecutionRepository(tx).requestCancel(executionId, cancel.reason());
                case LockedChange.Commit commit -> {
                    boolean[] woke = {commit.notifyWork()};
                    CommitResult result =
                            write(tx, List.of(commit.commit()), null, now, woke).getFirst();
                    notify[0] = woke[0];
                    if (!result.committed()) {
                        throw new IllegalStateException("execution " + executionId
                                + " changed under its row lock; its version is no longer "
                                + commit.commit().expectedVersion());
                    }
                }
            }
            return Optional.of(decision.answer());
        });
        if (notify[0]) {
            notifier.request();
        }
        return answer;
    }

    @Override
    public List<MessageView> messages(String executionId, long afterSeq, int limit) {
        return retryOnLostConnection(() -> new OutboxRepository(dsl()).after(executionId, afterSeq, limit));
    }

    @Override
    public int acknowledge(String executionId, long uptoSeq) {
        return retryOnLostConnection(() -> new OutboxRepository(dsl()).acknowledge(executionId, uptoSeq));
    }

    @Override
    public java.util.Map<io.basicflow.engine.api.ExecutionStatus, Long> countByStatus() {
        return retryOnLostConnection(() -> new ExecutionRepository(dsl()).countByStatus());
    }

    @Override
    public List<MessageView> conversation(String executionId, long afterPosition, int limit) {
        return retryOnLostConnection(
                () -> new OutboxRepository(dsl()).conversationAfter(executionId, afterPosition, limit));
    }

    @Override
    public ConversationRead conversationAndStatus(String executionId, long afterPosition, int limit) {
        return retryOnLostConnection(
                () -> new OutboxRepository(dsl()).conversationAndStatus(executionId, afterPosition, limit));
    }

    @Override
    public int acknowledgeConversation(String executionId, long uptoPosition) {
        return retryOnLostConnection(
                () -> new OutboxRepository(dsl()).acknowledgeConversation(executionId, uptoPosition));
    }
}
