package io.basicflow.benchmark;

import io.basicflow.engine.durable.DurableWorkflowEngine;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code wait}: N executions of {@code HEAR answer / TALK "got " + answer} parked at the {@code HEAR}.
 * Measures the heap they cost (used heap after a full GC, before starting them and once all are
 * parked, per 1,000 waiting), the threads added (platform threads, plus activations still running),
 * then delivers input to all of them through the API from many callers and measures resumptions per
 * second, from the first delivery until all completed.
 */
final class WaitWorkload {

    static final String SCRIPT = "#workflow\nHEAR answer\nTALK \"got \" + answer\n";

    private WaitWorkload() {}

    static BenchResult run(DurableBench.Context context) throws Exception {
        BenchOptions options = context.options();
        int executions = options.executions();
        BenchMetrics metrics = context.metrics();
        DurableWorkflowEngine engine = context.engine();

        int warmUp = Math.min(executions, 2000);
        int[] warmUps = {0};
        int rounds = DurableBench.warmUp(() -> {
            String prefix = "wait-warm-up-" + warmUps[0]++;
            park(context, prefix, warmUp);
            resume(context, prefix, warmUp);
        });

        double rawCommitMillis = DataWorkload.probeCommit(context);
        long heapBefore = heapAfterFullGc();
        int threadsBefore = platformThreads();
        BenchMetrics.Snapshot start = metrics.snapshot();
        long began = System.nanoTime();
        park(context, "wait", executions);
        double parkSeconds = DurableBench.secondsSince(began);
        long heapAfter = heapAfterFullGc();
        int threadsAfter = platformThreads();
        int activeAfter = context.runtime().workers().orElseThrow().activeCount();

        BenchMetrics.Snapshot before = metrics.snapshot();
        CpuMeter.Sample cpuBefore = context.cpu().sample();
        began = System.nanoTime();
        double inputSeconds = resume(context, "wait", executions);
        double seconds = DurableBench.secondsSince(began);
        CpuMeter.Sample cpu = context.cpu().sample().since(cpuBefore);

        BenchResult.Builder result = new BenchResult.Builder("wait")
                .decimal("raw_commit_ms", rawCommitMillis)
                .count("executions", executions)
                .count("concurrency", options.concurrency())
                .decimal("heap_mb_per_1000_waiting", (heapAfter - heapBefore) / 1048576.0 / executions * 1000)
                .count("threads_added", Math.max(0, threadsAfter - threadsBefore) + activeAfter)
                .decimal("park_seconds", parkSeconds)
                .rate("park_per_s", executions / parkSeconds)
                .decimal("seconds", seconds)
                .rate("resume_per_s", executions / seconds)
                .decimal("input_seconds", inputSeconds)
                .count("warm_up_rounds", rounds);
        CpuMeter.report(result, cpu, executions, "resume");
        metrics.snapshot().report(result, before);
        if (before.completed() - start.completed() != 0) {
            throw new IllegalStateException("executions completed before their input was delivered");
        }
        return result.text("database", context.database().describe()).build();
    }

    /** Starts executions and waits until all of them are parked at their HEAR. */
    private static void park(DurableBench.Context context, String prefix, int executions) throws Exception {
        BenchMetrics metrics = context.metrics();
        long target = metrics.parked.get() + executions;
        DurableBench.startAll(context.engine(), prefix, executions, i -> SCRIPT);
        metrics.await(metrics.parked, target, DurableBench.patience(executions));
    }

    /** Delivers input to every execution, waits until all completed; returns how long delivering took. */
    private static double resume(DurableBench.Context context, String prefix, int executions) throws Exception {
        BenchMetrics metrics = context.metrics();
        DurableWorkflowEngine engine = context.engine();
        long target = metrics.completed.get() + executions;
        long began = System.nanoTime();
        int callers = Math.min(executions, 512);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>(callers);
            for (int caller = 0; caller < callers; caller++) {
                int first = caller;
                done.add(clients.submit(() -> {
                    for (int i = first; i < executions; i += callers) {
                        engine.deliverInput(prefix + "-" + i, "yes");
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        }
        double inputSeconds = DurableBench.secondsSince(began);
        metrics.await(metrics.completed, target, DurableBench.patience(executions));
        return inputSeconds;
    }

    /** The used heap after a few full collections, in bytes. */
    static long heapAfterFullGc() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        // a few collections: finalisation and reference processing can free more on the second one
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static int platformThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }
}
