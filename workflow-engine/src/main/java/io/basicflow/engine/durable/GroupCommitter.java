package io.basicflow.engine.durable;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.store.CommitResult;
import io.basicflow.engine.store.EventStore;
import io.basicflow.engine.store.ExecutionCommit;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Writes the commits of many activations together: an activation hands in its commit and waits;
 * commits that queue while a group commit runs go into the next one, which writes them all in one
 * transaction. So N executions × K effect steps cost about one transaction per batch, not one per
 * step.
 *
 * <p>No thread of its own: the first activation that finds no group commit running (fewer than
 * {@code concurrency}) becomes the <em>leader</em> and writes the queue, batch after batch, until its
 * own commit is written; then it hands the lead to the oldest waiting activation, or gives it up when
 * the queue is empty. A lone activation thus commits on its own thread with no hand-off at all.
 *
 * <p>A failing group commit (a connection or database problem) fails every commit in it with the
 * same exception: their activations give their leases back and resume from what was committed.
 */
final class GroupCommitter {

    private static final int WAITING = 0;
    private static final int LEAD = 1;
    private static final int DONE = 2;

    private final EventStore store;
    private final Clock clock;
    private final String owner;
    private final int maxBatch;
    private final int concurrency;
    private final EngineMetrics metrics;
    private final Consumer<List<ExecutionCommit>> afterCommit;

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private int leaders;

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
        this.maxBatch = maxBatch;
        this.concurrency = concurrency;
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.afterCommit = requireNonNull(afterCommit, "afterCommit is null");
    }

    /**
     * Commits, together with whatever else is waiting, and waits for the outcome.
     *
     * @param commit one execution's commit
     * @return its result (committed or lease lost)
     * @throws RuntimeException the store's exception when the group commit failed
     */
    CommitResult commit(ExecutionCommit commit) {
        Pending pending = new Pending(commit, Thread.currentThread());
        boolean lead;
        lock.lock();
        try {
            queue.addLast(pending);
            lead = leaders < concurrency;
            if (lead) {
                leaders++;
            }
        } finally {
            lock.unlock();
        }
        if (lead) {
            lead(pending);
        }
        while (true) {
            int state = pending.state;
            if (state == DONE) {
                if (pending.failure != null) {
                    throw pending.failure;
                }
                return pending.result;
            }
            if (state == LEAD) {
                pending.state = WAITING;
                lead(pending);
                continue;
            }
            LockSupport.park(this);
        }
    }

    /** Writes batches until the own commit is done, then passes the lead on or gives it up. */
    private void lead(Pending self) {
        while (true) {
            List<Pending> batch;
            lock.lock();
            try {
                if (queue.isEmpty()) {
                    leaders--;
                    return;
                }
                if (self.state == DONE) {
                    Pending next = queue.peekFirst();
                    next.state = LEAD;
                    LockSupport.unpark(next.thread);
                    return;
                }
                metrics.commitQueueDepth(queue.size());
                int size = Math.min(maxBatch, queue.size());
                batch = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    batch.add(queue.pollFirst());
                }
            } finally {
                lock.unlock();
            }
            write(batch);
        }
    }

    private void write(List<Pending> batch) {
        List<ExecutionCommit> commits = new ArrayList<>(batch.size());
        int events = 0;
        for (Pending pending : batch) {
            commits.add(pending.commit);
            events += pending.commit.events().size();
        }
        long started = System.nanoTime();
        List<CommitResult> results;
        try {
            results = store.commit(owner, commits, clock.instant());
            if (results.size() != commits.size()) {
                throw new IllegalStateException(
                        "the store answered " + results.size() + " results for " + commits.size() + " commits");
            }
        } catch (RuntimeException e) {
            metrics.commitFailed(commits.size());
            for (Pending pending : batch) {
                pending.failure = e;
                finish(pending);
            }
            return;
        }
        metrics.committed(commits.size(), events, System.nanoTime() - started);
        List<ExecutionCommit> written = new ArrayList<>(commits.size());
        for (int i = 0; i < batch.size(); i++) {
            Pending pending = batch.get(i);
            pending.result = results.get(i);
            if (pending.result.committed()) {
                written.add(pending.commit);
            }
        }
        try {
            afterCommit.accept(written);
        } finally {
            for (Pending pending : batch) {
                finish(pending);
            }
        }
    }

    private void finish(Pending pending) {
        pending.state = DONE;
        if (pending.thread != Thread.currentThread()) {
            LockSupport.unpark(pending.thread);
        }
    }

    /** One commit waiting for its group commit. */
    private static final class Pending {
        final ExecutionCommit commit;
        final Thread thread;
        volatile int state = WAITING;
        CommitResult result;
        RuntimeException failure;

        Pending(ExecutionCommit commit, Thread thread) {
            this.commit = commit;
            this.thread = thread;
        }
    }
}
