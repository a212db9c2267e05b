package io.basicflow.benchmark;

/**
 * {@code dialog}: N executions of a script of K statements that cycle through an assignment, a
 * one-line {@code IF} and a {@code TALK} (each TALK is a message in the outbox, in the transaction of
 * its event). {@code statements_per_s} counts what the interpreter executed (its step count), not
 * events.
 */
final class DialogWorkload {

    private DialogWorkload() {}

    /** The script: {@code x = 0}, then K - 1 statements cycling through SET, IF and TALK. */
    static String script(int statements) {
        StringBuilder source = new StringBuilder("#workflow\nx = 0\n");
        for (int i = 1; i < statements; i++) {
            switch (i % 3) {
                case 1 -> source.append("x = x + 1\n");
                case 2 -> source.append("IF x > 1 THEN y = x * 2 ELSE y = x\n");
                default -> source.append("TALK \"step \" + x + \" of the dialog\"\n");
            }
        }
        return source.toString();
    }

    static BenchResult run(DurableBench.Context context) throws Exception {
        BenchOptions options = context.options();
        int executions = options.executions();
        String source = script(options.steps());
        int[] warmUps = {0};
        int rounds = DurableBench.warmUp(() -> DurableBench.startAndComplete(
                context, "dialog-warm-up-" + warmUps[0]++, Math.min(executions, 1000), source));

        double rawCommitMillis = DataWorkload.probeCommit(context);
        BenchMetrics metrics = context.metrics();
        BenchMetrics.Snapshot before = metrics.snapshot();
        CpuMeter.Sample cpuBefore = context.cpu().sample();
        long began = System.nanoTime();
        double startSeconds = DurableBench.startAndComplete(context, "dialog", executions, source);
        double seconds = DurableBench.secondsSince(began);
        CpuMeter.Sample cpu = context.cpu().sample().since(cpuBefore);
        BenchMetrics.Snapshot after = metrics.snapshot();
        long statements = after.steps() - before.steps();

        BenchResult.Builder result = new BenchResult.Builder("dialog")
                .decimal("raw_commit_ms", rawCommitMillis)
                .count("executions", executions)
                .count("steps", options.steps())
                .count("concurrency", options.concurrency())
                .decimal("seconds", seconds)
                .count("statements", statements)
                .rate("statements_per_s", statements / seconds)
                .rate("events_per_s", (after.events() - before.events()) / seconds)
                .decimal("start_seconds", startSeconds)
                .count("warm_up_rounds", rounds);
        CpuMeter.report(result, cpu, statements, "statement");
        after.report(result, before);
        return result.text("database", context.database().describe()).build();
    }
}
