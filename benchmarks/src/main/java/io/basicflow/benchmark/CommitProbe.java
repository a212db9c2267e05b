package io.basicflow.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.Statement;

/**
 * What a sequential step is measured against: the floors of one commit on this machine, and the CPU
 * of the threads on a step's path.
 *
 * <p>{@link DataWorkload#probeCommit} ({@code raw_commit_ms}) inserts into a <em>temporary</em>
 * table: PostgreSQL writes no WAL for it, so its commit does not wait for the WAL flush (a
 * transaction that wrote no WAL commits asynchronously). It is the round trip and the statement,
 * not a durable commit. {@link #durableCommit} inserts into an ordinary table, so every commit waits
 * for its WAL flush, as every step of the engine does: that is the floor of a sequential step.
 */
final class CommitProbe {

    private static final int COMMITS = 200;

    private CommitProbe() {}

    /**
     * One-row inserts into an ordinary (logged) table, each committed on its own, on one connection:
     * the milliseconds per commit, WAL flush included.
     *
     * @param context the benchmark's database
     * @return milliseconds per durable one-row commit
     * @throws Exception when the database refuses
     */
    static double durableCommit(DurableBench.Context context) throws Exception {
        try (Connection connection = context.database().database().dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute("drop table if exists bench_durable_probe");
            statement.execute("create table bench_durable_probe (id bigint)");
            try {
                for (int i = 0; i < 20; i++) {
                    statement.execute("insert into bench_durable_probe values (" + i + ")");
                }
                long began = System.nanoTime();
                for (int i = 0; i < COMMITS; i++) {
                    statement.execute("insert into bench_durable_probe values (" + i + ")");
                }
                return (System.nanoTime() - began) / 1e6 / COMMITS;
            } finally {
                statement.execute("drop table bench_durable_probe");
            }
        }
    }

    /**
     * CPU time so far of the engine's platform activation threads ({@code basicflow-activation-*}):
     * a lone activation runs on one of them, so this is the JVM's CPU on a sequential step's path,
     * without the JIT compiler, the collector and the other threads that {@code jvm_cpu_us_per_step}
     * counts too.
     *
     * @return nanoseconds, or -1 when the JVM cannot measure thread CPU time
     */
    static long activationThreadsNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isThreadCpuTimeSupported()) {
            return -1;
        }
        long total = 0;
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("basicflow-activation-")) {
                long nanos = threads.getThreadCpuTime(info.getThreadId());
                if (nanos > 0) {
                    total += nanos;
                }
            }
        }
        return total;
    }

    /**
     * Milliseconds the JIT compiler has spent so far (0 when the JVM does not say).
     *
     * @return compile milliseconds
     */
    static long compileMillis() {
        var jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }
}
