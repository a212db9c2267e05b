package io.basicflow.benchmark;

import io.basicflow.engine.api.StartRequest;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * {@code sequential}: one execution of K {@code NOOP}s in a row, each durable before the next: the
 * latency of a durable step. Timed from the start call to the committed end, 10 times after
 * warm-up runs; the median is the result.
 */
final class SequentialWorkload {

    private static final int WARM_UP = 3;
    private static final int TIMED = 10;

    private SequentialWorkload() {}

    static BenchResult run(DurableBench.Context context) throws Exception {
        int steps = context.options().steps();
        String source = DurableBench.noops(steps);
        int[] warmUps = {0};
        int rounds = DurableBench.warmUp(() -> {
            for (int i = 0; i < WARM_UP; i++) {
                once(context, "sequential-warm-up-" + warmUps[0]++, source);
            }
        });
        double rawCommitMillis = DataWorkload.probeCommit(context);
        BenchMetrics.Snapshot before = context.metrics().snapshot();
        CpuMeter.Sample cpuBefore = context.cpu().sample();
        double[] millis = new double[TIMED];
        for (int i = 0; i < TIMED; i++) {
            millis[i] = once(context, "sequential-" + i, source);
        }
        CpuMeter.Sample cpu = context.cpu().sample().since(cpuBefore);
        Arrays.sort(millis);
        double median = (millis[TIMED / 2 - 1] + millis[TIMED / 2]) / 2;
        BenchResult.Builder result = new BenchResult.Builder("sequential")
                .decimal("raw_commit_ms", rawCommitMillis)
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
