package io.basicflow.benchmark;

import io.basicflow.engine.durable.EngineMetrics;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The engine's figures during a benchmark: how many executions ended (an activation that ended its
 * execution has committed that end, so a completion counted here is durable), steps, group commits
 * and claims. The benchmark waits on the completions instead of polling the database.
 */
final class BenchMetrics implements EngineMetrics {

    final AtomicLong completed = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong parked = new AtomicLong();
    /** Activations that parked on a timer (WAIT, WAIT FOR EVENT). */
    final AtomicLong parkedOnTimer = new AtomicLong();

    final LongAdder activations = new LongAdder();
    final LongAdder steps = new LongAdder();
    final LongAdder commits = new LongAdder();
    final LongAdder committedExecutions = new LongAdder();
    final LongAdder events = new LongAdder();
    final LongAdder commitNanos = new LongAdder();
    final LongAdder claims = new LongAdder();
    final LongAdder claimed = new LongAdder();
    private volatile Thread waiter;

    @Override
    public void activationEnded(String executionId, String owner, String outcome) {
        activations.increment();
        switch (outcome) {
            case "completed" -> completed.incrementAndGet();
            case "failed", "error" -> failed.incrementAndGet();
            case "waiting-input" -> parked.incrementAndGet();
            case "waiting-timer" -> parkedOnTimer.incrementAndGet();
            default -> {
                return;
            }
        }
        Thread thread = waiter;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    @Override
    public void stepsCompleted(long count) {
        steps.add(count);
    }

    @Override
    public void committed(int executions, int eventCount, long nanos) {
        commits.increment();
        committedExecutions.add(executions);
        events.add(eventCount);
        commitNanos.add(nanos);
    }

    @Override
    public void claimed(int executions) {
        claims.increment();
        claimed.add(executions);
    }

    /** Counters now, to subtract from later ones. */
    Snapshot snapshot() {
        return new Snapshot(
                completed.get(),
                parked.get(),
                activations.sum(),
                steps.sum(),
                commits.sum(),
                committedExecutions.sum(),
                events.sum(),
                commitNanos.sum(),
                claims.sum(),
                claimed.sum());
    }

    /**
     * Waits until the counter reaches a value.
     *
     * @param counter {@link #completed} or {@link #parked}
     * @param target the value
     * @param timeout how long at most
     * @throws IllegalStateException when an execution failed or the time ran out
     */
    void await(AtomicLong counter, long target, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        waiter = Thread.currentThread();
        try {
            while (counter.get() < target) {
                if (failed.get() > 0) {
                    throw new IllegalStateException(failed.get() + " execution(s) failed or an activation broke"
                            + " during the benchmark; see the log");
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("the benchmark gave up after " + timeout.toSeconds() + " s: "
                            + counter.get() + " of " + target + " executions got there");
                }
                LockSupport.parkNanos(this, Math.min(left, 50_000_000L));
            }
        } finally {
            waiter = null;
        }
    }

    /** The counters at one moment. */
    record Snapshot(
            long completed,
            long parked,
            long activations,
            long steps,
            long commits,
            long committedExecutions,
            long events,
            long commitNanos,
            long claims,
            long claimed) {

        /** Adds the commit and claim figures since an earlier snapshot. */
        void report(BenchResult.Builder result, Snapshot earlier) {
            long groupCommits = commits - earlier.commits;
            long executions = committedExecutions - earlier.committedExecutions;
            long claimCount = claims - earlier.claims;
            result.count("group_commits", groupCommits);
            if (groupCommits > 0) {
                result.decimal("executions_per_commit", executions / (double) groupCommits);
                result.decimal("events_per_commit", (events - earlier.events) / (double) groupCommits);
                result.decimal("ms_per_commit", (commitNanos - earlier.commitNanos) / 1e6 / groupCommits);
            }
            if (claimCount > 0) {
                result.decimal("executions_per_claim", (claimed - earlier.claimed) / (double) claimCount);
            }
        }
    }
}
