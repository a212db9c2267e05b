package io.basicflow.benchmark;

/**
 * {@code effects}: N executions × K calls of {@code NOOP} (idempotent, does nothing), all started at
 * once from many callers; every call's {@code EffectStarted} is committed before the handler runs.
 */
final class EffectsWorkload {

    private EffectsWorkload() {}

    static BenchResult run(DurableBench.Context context) throws Exception {
        BenchOptions options = context.options();
        int executions = options.executions();
        int steps = options.steps();
        String source = DurableBench.noops(steps);
        int[] warmUps = {0};
        int rounds = DurableBench.warmUp(() -> DurableBench.startAndComplete(
                context, "effects-warm-up-" + warmUps[0]++, Math.min(executions, 1000), source));

        double rawCommitMillis = DataWorkload.probeCommit(context);
        BenchMetrics metrics = context.metrics();
        BenchMetrics.Snapshot before = metrics.snapshot();
        CpuMeter.Sample cpuBefore = context.cpu().sample();
        long began = System.nanoTime();
        double startSeconds = DurableBench.startAndComplete(context, "effects", executions, source);
        double seconds = DurableBench.secondsSince(began);
        CpuMeter.Sample cpu = context.cpu().sample().since(cpuBefore);

        long total = (long) executions * steps;
        BenchResult.Builder result = new BenchResult.Builder("effects")
                .decimal("raw_commit_ms", rawCommitMillis)
                .count("executions", executions)
                .count("steps", steps)
                .count("concurrency", options.concurrency())
                .decimal("seconds", seconds)
                .rate("steps_per_s", total / seconds)
                // what each execution waited per step: every step is durable before the next
                .decimal("ms_per_step", seconds * 1000 / steps)
                .decimal("start_seconds", startSeconds)
                .count("warm_up_rounds", rounds);
        CpuMeter.report(result, cpu, total, "step");
        metrics.snapshot().report(result, before);
        return result.text("database", context.database().describe()).build();
    }
}
