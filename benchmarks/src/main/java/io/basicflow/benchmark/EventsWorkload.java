package io.basicflow.benchmark;

import io.basicflow.engine.durable.DurableWorkflowEngine;
import io.basicflow.spi.value.TextValue;
import java.lang.management.ManagementFactory;
import java.util.Optional;

/**
 * {@code events}: N executions parked at {@code WAIT FOR EVENT "go-…" TIMEOUT 3600}. Measures the heap
 * they cost (used heap after a full GC, before starting them and once all are parked, per 1,000
 * waiting) and the threads added, like {@code wait}; then publishes one event to every conversation
 * through the API and measures how long the publication took (it wakes every waiter in one statement)
 * and how long until every waiter completed. A raw one-row commit is probed just before publishing
 * ({@code raw_commit_ms}), so the figure can be read against how loaded the database is.
 */
final class EventsWorkload {

    private EventsWorkload() {}

    static String script(String event) {
        return "#workflow\ngot = WAIT FOR EVENT \"" + event + "\" TIMEOUT 3600\nTALK \"got \" + got\n";
    }

    static BenchResult run(DurableBench.Context context) throws Exception {
        BenchOptions options = context.options();
        int executions = options.executions();
        BenchMetrics metrics = context.metrics();

        int warmUp = Math.min(executions, 2000);
        int[] warmUps = {0};
        int rounds = DurableBench.warmUp(() -> {
            String prefix = "events-warm-up-" + warmUps[0]++;
            park(context, prefix, warmUp);
            publish(context, prefix, warmUp);
        });

        long heapBefore = WaitWorkload.heapAfterFullGc();
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        long began = System.nanoTime();
        park(context, "events", executions);
        double parkSeconds = DurableBench.secondsSince(began);
        long heapAfter = WaitWorkload.heapAfterFullGc();
        int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
        int activeAfter = context.runtime().workers().orElseThrow().activeCount();

        // the floor of any commit on this machine now, to read publish_seconds against
        double rawCommitMillis = DataWorkload.probeCommit(context);
        long completedBefore = metrics.completed.get();
        began = System.nanoTime();
        double[] publishSeconds = new double[1];
        publishSeconds[0] = publish(context, "events", executions);
        double seconds = DurableBench.secondsSince(began);
        if (metrics.completed.get() - completedBefore < executions) {
            throw new IllegalStateException("not every waiter completed");
        }
        return new BenchResult.Builder("events")
                .count("executions", executions)
                .count("concurrency", options.concurrency())
                .decimal("heap_mb_per_1000_waiting", (heapAfter - heapBefore) / 1048576.0 / executions * 1000)
                .count("threads_added", Math.max(0, threadsAfter - threadsBefore) + activeAfter)
                .decimal("park_seconds", parkSeconds)
                .rate("park_per_s", executions / parkSeconds)
                .decimal("raw_commit_ms", rawCommitMillis)
                .decimal("publish_seconds", publishSeconds[0])
                .decimal("all_woken_and_completed_seconds", seconds)
                .rate("resume_per_s", executions / seconds)
                .count("warm_up_rounds", rounds)
                .text("database", context.database().describe())
                .build();
    }

    /** Starts executions and waits until all of them are parked at their WAIT FOR EVENT. */
    private static void park(DurableBench.Context context, String prefix, int executions) throws Exception {
        BenchMetrics metrics = context.metrics();
        long target = metrics.parkedOnTimer.get() + executions;
        String script = script("go-" + prefix);
        DurableBench.startAll(context.engine(), prefix, executions, i -> script);
        metrics.await(metrics.parkedOnTimer, target, DurableBench.patience(executions));
    }

    /** Publishes the event to every conversation, waits until all completed; returns how long publishing took. */
    private static double publish(DurableBench.Context context, String prefix, int executions) {
        BenchMetrics metrics = context.metrics();
        DurableWorkflowEngine engine = context.engine();
        long target = metrics.completed.get() + executions;
        long began = System.nanoTime();
        int woken = engine.publishEvent(Optional.empty(), "go-" + prefix, new TextValue("go"), "bench-" + prefix);
        double seconds = DurableBench.secondsSince(began);
        if (woken != executions) {
            throw new IllegalStateException("the event woke " + woken + " of " + executions + " waiters");
        }
        metrics.await(metrics.completed, target, DurableBench.patience(executions));
        return seconds;
    }
}
