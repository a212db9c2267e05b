package io.basicflow.benchmark;

import io.basicflow.engine.api.StartRequest;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * {@code sequential}: one execution of K {@code NOOP}s in a row, each durable before the next: the
 * latency of a durable step. Timed from the start call to the committed end, 10 times after
 * warm-up runs; the median is the result.
 *
 * <p>The warm-up runs at least {@value #WARM_UP_STEPS} steps before the JIT compiler's settling is
 * judged: a lone execution's activation loop is one long call, so the JIT compiles its loop only
 * after tens of thousands of steps, and a few short rounds left the compiler busy during the timed
 * runs ({@code jit_ms} says how long it compiled then). Besides the raw commit of the other workloads
 * (a temporary table's, which waits for no WAL flush) it probes a durable one-row commit ({@code
 * durable_commit_ms}, see {@link CommitProbe}), the floor of a step, and reports the CPU of the
 * activation thread alone ({@code activation_cpu_us_per_step}).
 */
final class SequentialWorkload {

    private static final int WARM_UP = 3;
    private static final int TIMED = 10;
    private static final int WARM_UP_STEPS = 20_000;

    private SequentialWorkload() {}

    static BenchResult run(DurableBench.Context context) throws Exception {
        int steps = context.options().steps();
        String source = DurableBench.noops(steps);
        int[] warmUps = {0};
        for (int warmed = 0; warmed < WARM_UP_STEPS; warmed += steps) {
            once(context, "sequential-warm-up-" + warmUps[0]++, source);
        }
        int rounds = DurableBench.warmUp(() -> {
            for (int i = 0; i < WARM_UP; i++) {
                once(context, "sequential-warm-up-" + warmUps[0]++, source);
            }
        });
        double rawCommitMillis = DataWorkload.probeCommit(context);
        double durableCommitMillis = CommitProbe.durableCommit(context);
        BenchMetrics.Snapshot before = context.metrics().snapshot();
        CpuMeter.Sample cpuBefore = context.cpu().sample();
        long activationBefore = CommitProbe.activationThreadsNanos();
        long compiledBefore = CommitProbe.compileMillis();
        double[] millis = new double[TIMED];
        for (int i = 0; i < TIMED; i++) {
            millis[i] = once(context, "sequential-" + i, source);
        }
        CpuMeter.Sample cpu = context.cpu().sample().since(cpuBefore);
        long activationNanos = CommitProbe.activationThreadsNanos() - activationBefore;
        long compiledMillis = CommitProbe.compileMillis() - compiledBefore;
        Arrays.sort(millis);
        double median = (millis[TIMED / 2 - 1] + millis[TIMED / 2]) / 2;
        BenchResult.Builder result = new BenchResult.Builder("sequential")
                .decimal("raw_commit_ms", rawCommitMillis)
                .decimal("durable_commit_ms", durableCommitMillis)
                .count("executions", 1)
                .count("steps", steps)
                .count("runs", TIMED)
                .decimal("seconds", median / 1000)
                .decimal("ms_per_step", median / steps)
                .decimal("ms_per_step_best", millis[0] / steps)
                .decimal("ms_per_step_worst", millis[TIMED - 1] / steps)
                .rate("steps_per_s", steps * 1000 / median)
                .count("warm_up_rounds", rounds);
        CpuMeter.report(result, cpu, (long) steps * TIMED, "step");
        if (activationBefore >= 0) {
            result.decimal("activation_cpu_us_per_step", activationNanos / 1e3 / ((long) steps * TIMED));
        }
        result.count("jit_ms", compiledMillis);
        context.metrics().snapshot().report(result, before);
        return result.text("database", context.database().describe()).build();
    }

    /** One execution from start to committed end, in milliseconds. */
    private static double once(DurableBench.Context context, String id, String source) {
        BenchMetrics metrics = context.metrics();
        long target = metrics.completed.get() + 1;
        long began = System.nanoTime();
        context.engine().start(new StartRequest(Optional.of(id), "bench.bas", source, Map.of()));
        metrics.await(metrics.completed, target, DurableBench.patience(source.length()));
        return (System.nanoTime() - began) / 1e6;
    }
}
