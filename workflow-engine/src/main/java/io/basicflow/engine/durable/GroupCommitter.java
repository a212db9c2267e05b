package io.basicflow.engine.durable;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.store.CommitResult;
import io.basicflow.engine.store.EventStore;
import io.basicflow.engine.store.ExecutionCommit;
import io.basicflow.engine.store.StoreUnavailableException;
import io.basicflow.engine.store.TransactionalCommit;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes the commits of many activations together ({@link Batcher}): commits that queue while a
 * group commit runs go into the next one, which writes them all in one transaction. So N executions
 * × K effect steps cost about one transaction per batch instead of one per step, and a lone
 * activation commits on its own thread with no hand-off.
 *
 * <p>A failing group commit (a connection or database problem) fails every commit in it with the
 * same exception: their activations give their leases back and resume from what was committed.
 */
final class GroupCommitter {

    /**
     * Transactional groups are written one at a time. Their handlers run one after the other inside
     * the group's transaction, each a few round trips, so a group takes as long as its commits: a second
     * group at once splits the waiting commits (6.5 executions per commit instead of 16 at C=32 in
     * {@code bench data}, 3.8 with four groups) and costs 1.5× the CPU per write (2× with four: a fence
     * and a commit for fewer writes), for fewer writes a second in all. Idempotent groups are written in one statement and gain from running side by side.
     */
    static final int TRANSACTIONAL_GROUPS = 1;

    private final EventStore store;
    private final Clock clock;
    private final String owner;
    private final EngineMetrics metrics;
    private final Consumer<List<ExecutionCommit>> afterCommit;
    private final Batcher<ExecutionCommit, Written> batcher;
    private final Batcher<TransactionalCommit, Written> transactional;

    /**
     * Creates a committer.
     *
     * @param store where commits go
     * @param clock the engine's clock
     * @param owner the lease owner all commits come from
     * @param maxBatch the most commits per group commit
     * @param concurrency the most group commits at once
     * @param metrics where commit figures go
     * @param afterCommit told about the commits that were written (e.g. to wake message readers)
     */
    GroupCommitter(
            EventStore store,
            Clock clock,
            String owner,
            int maxBatch,
            int concurrency,
            EngineMetrics metrics,
            Consumer<List<ExecutionCommit>> afterCommit) {
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.owner = requireNonNull(owner, "owner is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.afterCommit = requireNonNull(afterCommit, "afterCommit is null");
        this.batcher = new Batcher<>(maxBatch, concurrency, this::write);
        this.transactional = new Batcher<>(maxBatch, TRANSACTIONAL_GROUPS, this::writeTransactional);
    }

    /**
     * Commits, together with whatever else is waiting, and waits for the outcome.
     *
     * @param commit one execution's commit
     * @return its result (committed or lease lost)
     * @throws RuntimeException the store's exception when the group commit failed
     */
    CommitResult commit(ExecutionCommit commit) {
        Written written = batcher.submit(commit);
        if (written.failure() != null) {
            throw written.failure();
        }
        return written.result();
    }

    /**
     * Commits a step that writes data inside the commit's own transaction, together with the other
     * such commits waiting (one transaction for the group), and waits for the outcome.
     *
     * @param commit the execution's transactional commit
     * @return its result (committed or lease lost)
     * @throws RuntimeException the store's exception when the group failed: nothing of it was written
     */
    CommitResult commitTransactional(TransactionalCommit commit) {
        Written written = transactional.submit(commit);
        if (written.failure() != null) {
            throw written.failure();
        }
        return written.result();
    }

    /**
     * Writes a group of transactional commits. Unlike {@link #write}, a failing group is not split and
     * written commit by commit: its works changed their activations' state and cannot run twice, so
     * every activation of the group resumes from what was committed.
     */
    private List<Written> writeTransactional(List<TransactionalCommit> commits) {
        metrics.commitQueueDepth(commits.size() + transactional.queued());
        List<ExecutionCommit> made = java.util.Collections.synchronizedList(new ArrayList<>(commits.size()));
        List<TransactionalCommit> recording = new ArrayList<>(commits.size());
        for (TransactionalCommit commit : commits) {
            recording.add(new TransactionalCommit(
                    commit.executionId(),
                    commit.expectedVersion(),
                    TransactionalCommit.watched(commit.work(), made::add)));
        }
        long started = System.nanoTime();
        List<CommitResult> results;
        try {
            results = store.commitTransactional(owner, recording, clock.instant());
        } catch (RuntimeException e) {
            metrics.commitFailed(commits.size());
            return java.util.Collections.nCopies(commits.size(), new Written(null, e));
        }
        int events = 0;
        for (ExecutionCommit commit : made) {
            events += commit.events().size();
        }
        metrics.committed(commits.size(), events, System.nanoTime() - started);
        afterCommit.accept(List.copyOf(made));
        return results.stream().map(result -> new Written(result, null)).toList();
    }

    /** One commit's outcome: its result, or why it could not be written. */
    private record Written(CommitResult result, RuntimeException failure) {}

    /**
     * Writes a group; when the database refuses the group, writes each commit alone, so that one
     * commit it refuses (a bug, a value it cannot hold) fails only its own activation, not the whole
     * group. When the database cannot be reached ({@link StoreUnavailableException}, after the store's
     * own retries), the whole group fails at once: alone, each commit would only wait again.
     */
    private List<Written> write(List<ExecutionCommit> commits) {
        try {
            List<CommitResult> results = writeGroup(commits);
            // a loop, not a stream: this runs once per commit, a lone activation's once per step
            List<Written> written = new ArrayList<>(results.size());
            for (CommitResult result : results) {
                written.add(new Written(result, null));
            }
            return written;
        } catch (RuntimeException groupFailure) {
            if (commits.size() == 1 || groupFailure instanceof StoreUnavailableException) {
                return java.util.Collections.nCopies(commits.size(), new Written(null, groupFailure));
            }
            List<Written> each = new java.util.ArrayList<>(commits.size());
            for (ExecutionCommit commit : commits) {
                try {
                    each.add(new Written(writeGroup(List.of(commit)).getFirst(), null));
                } catch (RuntimeException failure) {
                    each.add(new Written(null, failure));
                }
            }
            return each;
        }
    }

    private List<CommitResult> writeGroup(List<ExecutionCommit> commits) {
        metrics.commitQueueDepth(commits.size() + batcher.queued());
        int events = 0;
        for (ExecutionCommit commit : commits) {
            events += commit.events().size();
        }
        long started = System.nanoTime();
        List<CommitResult> results;
        try {
            results = store.commit(owner, commits, clock.instant());
        } catch (RuntimeException e) {
            metrics.commitFailed(commits.size());
            throw e;
        }
        metrics.committed(commits.size(), events, System.nanoTime() - started);
        List<ExecutionCommit> written = new ArrayList<>(commits.size());
        for (int i = 0; i < commits.size() && i < results.size(); i++) {
            if (results.get(i).committed()) {
                written.add(commits.get(i));
            }
        }
        afterCommit.accept(written);
        return results;
    }
}
