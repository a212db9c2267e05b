package io.basicflow.benchmark;

import io.basicflow.spi.value.IntegerValue;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

/**
 * {@code data}: N executions × K {@code SAVE}s of a row each (the data keywords' exactly-once write:
 * each runs inside the commit of its own step), all started at once. Before the measured round, the
 * raw one-row commit of this database is probed on one connection ({@code raw_commit_ms}), the floor
 * the figure is read against.
 */
final class DataWorkload {

    private static final int PROBE_COMMITS = 500;

    private DataWorkload() {}

    static String source(int steps) {
        return "#workflow\nFOR i = 1 TO " + steps
                + "\n    SAVE \"bench\", \"e\" + x + \"-\" + i, #{step: i, x: x}\nNEXT\n";
    }

    static BenchResult run(DurableBench.Context context) throws Exception {
        BenchOptions options = context.options();
        int executions = options.executions();
        int steps = options.steps();
        String source = source(steps);
        int[] warmUps = {0};
        int rounds = DurableBench.warmUp(() -> DurableBench.startAndComplete(
                context,
                "data-warm-up-" + warmUps[0]++,
                Math.min(executions, 1000),
                source,
                i -> Map.of("x", IntegerValue.of(-1_000_000L * (warmUps[0] + 1) - i))));

        double rawCommitMillis = probeCommit(context);
        BenchMetrics metrics = context.metrics();
        BenchMetrics.Snapshot before = metrics.snapshot();
        CpuMeter.Sample cpuBefore = context.cpu().sample();
        long began = System.nanoTime();
        double startSeconds = DurableBench.startAndComplete(
                context, "data", executions, source, i -> Map.of("x", IntegerValue.of(i)));
        double seconds = DurableBench.secondsSince(began);
        CpuMeter.Sample cpu = context.cpu().sample().since(cpuBefore);

        long total = (long) executions * steps;
        long rows = countRows(context, executions, steps);
        if (rows != total) {
            throw new IllegalStateException("the data benchmark expected " + total + " rows, found " + rows);
        }
        BenchResult.Builder result = new BenchResult.Builder("data")
                .count("executions", executions)
                .count("steps", steps)
                .count("concurrency", options.concurrency())
                .decimal("seconds", seconds)
                .rate("writes_per_s", total / seconds)
                .decimal("raw_commit_ms", rawCommitMillis)
                .decimal("start_seconds", startSeconds)
                .count("rows", rows)
                .count("warm_up_rounds", rounds);
        CpuMeter.report(result, cpu, total, "write");
        metrics.snapshot().report(result, before);
        return result.text("database", context.database().describe()).build();
    }

    /** One-row inserts, each committed on its own, on one connection: the milliseconds per commit. */
    static double probeCommit(DurableBench.Context context) throws Exception {
        try (Connection connection = context.database().database().dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("create temporary table bench_probe (id bigint)");
            connection.setAutoCommit(true);
            for (int i = 0; i < 50; i++) {
                statement.execute("insert into bench_probe values (" + i + ")");
            }
            long began = System.nanoTime();
            for (int i = 0; i < PROBE_COMMITS; i++) {
                statement.execute("insert into bench_probe values (" + i + ")");
            }
            double millis = (System.nanoTime() - began) / 1e6 / PROBE_COMMITS;
            statement.execute("drop table bench_probe");
            return millis;
        }
    }

    private static long countRows(DurableBench.Context context, int executions, int steps) throws Exception {
        try (Connection connection = context.database().database().dataSource().getConnection();
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery("select count(*) from bot_default.bench where x >= 0")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
