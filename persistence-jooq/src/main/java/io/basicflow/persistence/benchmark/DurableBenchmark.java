package io.basicflow.persistence.benchmark;

import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.StartRequest;
import io.basicflow.engine.durable.DurableSettings;
import io.basicflow.engine.durable.DurableWorkflowEngine;
import io.basicflow.persistence.Database;
import io.basicflow.persistence.DatabaseConfig;
import io.basicflow.persistence.DurableRuntime;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Quick durable-engine measurements in one process (the engine's own workers, a real PostgreSQL):
 * {@code effects}, {@code sequential}, {@code dialog} and {@code wait}, printing one {@code RESULT}
 * line each. Not a test; the CLI's {@code bench} command is the user-facing form.
 *
 * <pre>
 * java … io.basicflow.persistence.benchmark.DurableBenchmark WORKLOAD [executions] [steps] [concurrency] [jdbc-url]
 * </pre>
 *
 * <p>Without a URL it starts an embedded PostgreSQL in a temporary folder.
 */
public final class DurableBenchmark {

    private static javax.sql.DataSource counter;
    private static long startNanos;

    /** Commit and claim figures, printed after the result. */
    private static final Figures FIGURES = new Figures();

    private static final class Figures implements io.basicflow.engine.durable.EngineMetrics {
        final java.util.concurrent.atomic.LongAdder commits = new java.util.concurrent.atomic.LongAdder();
        final java.util.concurrent.atomic.LongAdder committed = new java.util.concurrent.atomic.LongAdder();
        final java.util.concurrent.atomic.LongAdder events = new java.util.concurrent.atomic.LongAdder();
        final java.util.concurrent.atomic.LongAdder commitNanos = new java.util.concurrent.atomic.LongAdder();
        final java.util.concurrent.atomic.LongAdder claims = new java.util.concurrent.atomic.LongAdder();
        final java.util.concurrent.atomic.LongAdder claimed = new java.util.concurrent.atomic.LongAdder();

        @Override
        public void committed(int executions, int eventCount, long nanos) {
            commits.increment();
            committed.add(executions);
            events.add(eventCount);
            commitNanos.add(nanos);
        }

        @Override
        public void claimed(int executions) {
            claims.increment();
            claimed.add(executions);
        }

        String describe() {
            long n = Math.max(1, commits.sum());
            return String.format(
                    Locale.ROOT,
                    "FIGURES group_commits=%d executions_per_commit=%.1f events_per_commit=%.1f ms_per_commit=%.3f"
                            + " claims=%d executions_per_claim=%.1f",
                    commits.sum(),
                    committed.sum() / (double) n,
                    events.sum() / (double) n,
                    commitNanos.sum() / 1e6 / n,
                    claims.sum(),
                    claimed.sum() / (double) Math.max(1, claims.sum()));
        }
    }

    private DurableBenchmark() {}

    /**
     * Runs one workload.
     *
     * @param args workload, executions, steps, concurrency, optional JDBC URL
     * @throws Exception when something fails
     */
    public static void main(String[] args) throws Exception {
        String workload = args.length > 0 ? args[0] : "effects";
        int executions = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 256;
        DatabaseConfig config = args.length > 4
                ? DatabaseConfig.external(args[4], System.getProperty("basicflow.db.user", "postgres"), "")
                : DatabaseConfig.embedded(Files.createTempDirectory("basicflow-bench"));
        config = config.withPool(DatabaseConfig.Pool.defaults().withSize(12));
        DurableSettings settings = DurableSettings.fromProperties(System::getProperty).toBuilder()
                .concurrency(concurrency)
                .claimBatch(Math.min(256, concurrency))
                .build();
        try (Database database = new Database(config).start();
                DurableRuntime runtime = DurableRuntime.builder(
                                database, KeywordCatalogue.of(new CorePlugin(), new BenchmarkPlugin()))
                        .settings(settings)
                        .metrics(FIGURES)
                        .start()) {
            DurableWorkflowEngine engine = runtime.engine();
            counter = database.dataSource();
            switch (workload) {
                case "effects" -> effects(engine, "effects", executions, steps);
                case "sequential" -> sequential(engine, steps);
                case "dialog" -> dialog(engine, executions, steps);
                case "wait" -> waiting(engine, executions);
                default -> throw new IllegalArgumentException("unknown workload " + workload);
            }
            System.out.println(
                    FIGURES.describe() + String.format(Locale.ROOT, " start_seconds=%.2f", startNanos / 1e9));
        }
        System.exit(0);
    }

    private static void effects(DurableWorkflowEngine engine, String mode, int executions, int steps) throws Exception {
        StringBuilder source = new StringBuilder("#workflow\n");
        for (int i = 0; i < steps; i++) {
            source.append("NOOP\n");
        }
        long started = System.nanoTime();
        List<String> ids = startAll(engine, executions, source.toString());
        awaitAll(engine, ids);
        double seconds = (System.nanoTime() - started) / 1e9;
        long total = (long) executions * steps;
        // ms_per_step: the time one execution waits per step (each step durable before the next).
        System.out.printf(
                Locale.ROOT,
                "RESULT mode=%s executions=%d steps=%d steps_per_s=%.0f ms_per_step=%.3f%n",
                mode,
                executions,
                steps,
                total / seconds,
                seconds * 1000 / steps);
    }

    /** One execution of {@code steps} effects in a row, after warm-up runs: the latency of a step. */
    private static void sequential(DurableWorkflowEngine engine, int steps) throws Exception {
        StringBuilder source = new StringBuilder("#workflow\n");
        for (int i = 0; i < steps; i++) {
            source.append("NOOP\n");
        }
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 8; round++) {
            long started = System.nanoTime();
            String id = engine.start(new StartRequest(Optional.empty(), "bench.bas", source.toString(), Map.of()))
                    .executionId();
            while (engine.find(id).orElseThrow().status() != ExecutionStatus.COMPLETED) {
                Thread.sleep(5);
            }
            best = Math.min(best, (System.nanoTime() - started) / 1e6 / steps);
        }
        System.out.printf(
                Locale.ROOT,
                "RESULT mode=sequential executions=1 steps=%d ms_per_step=%.3f steps_per_s=%.0f%n",
                steps,
                best,
                1000 / best);
    }

    private static void dialog(DurableWorkflowEngine engine, int executions, int steps) throws Exception {
        StringBuilder source = new StringBuilder("#workflow\nx = 0\n");
        for (int i = 0; i < steps; i++) {
            switch (i % 3) {
                case 0 -> source.append("x = x + 1\n");
                case 1 -> source.append("IF x > 1 THEN y = x * 2\n");
                default -> source.append("TALK \"step \" + x\n");
            }
        }
        long started = System.nanoTime();
        List<String> ids = startAll(engine, executions, source.toString());
        awaitAll(engine, ids);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "RESULT mode=dialog executions=%d steps=%d statements_per_s=%.0f%n",
                executions,
                steps,
                (double) executions * steps / seconds);
    }

    private static void waiting(DurableWorkflowEngine engine, int executions) throws Exception {
        System.gc();
        long heapBefore = usedHeap();
        int threadsBefore = Thread.activeCount();
        List<String> ids = startAll(engine, executions, "#workflow\nHEAR answer\nTALK \"got \" + answer\n");
        awaitStatus(engine, ids.size(), ExecutionStatus.WAITING_INPUT);
        System.gc();
        Thread.sleep(500);
        System.gc();
        long heapAfter = usedHeap();
        int threadsAfter = Thread.activeCount();
        long started = System.nanoTime();
        try (ExecutorService senders = Executors.newFixedThreadPool(8)) {
            List<Future<?>> sent = new ArrayList<>();
            for (String id : ids) {
                sent.add(senders.submit(() -> engine.deliverInput(id, "yes")));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        }
        awaitAll(engine, ids);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "RESULT mode=wait executions=%d heap_mb_per_1000_waiting=%.3f threads_added=%d resume_per_s=%.0f%n",
                executions,
                (heapAfter - heapBefore) / 1048576.0 / executions * 1000,
                Math.max(0, threadsAfter - threadsBefore),
                executions / seconds);
    }

    private static List<String> startAll(DurableWorkflowEngine engine, int executions, String source) throws Exception {
        List<String> ids = new ArrayList<>(executions);
        long began = System.nanoTime();
        try (ExecutorService starters = Executors.newFixedThreadPool(8)) {
            List<Future<String>> started = new ArrayList<>();
            for (int i = 0; i < executions; i++) {
                started.add(starters.submit(
                        () -> engine.start(new StartRequest(Optional.empty(), "bench.bas", source, Map.of()))
                                .executionId()));
            }
            for (Future<String> future : started) {
                ids.add(future.get());
            }
        }
        startNanos = System.nanoTime() - began;
        return ids;
    }

    private static void awaitAll(DurableWorkflowEngine engine, List<String> ids) throws InterruptedException {
        awaitStatus(engine, ids.size(), ExecutionStatus.COMPLETED);
    }

    /** Waits until at least {@code count} executions have the status (the benchmark owns the database). */
    private static void awaitStatus(DurableWorkflowEngine engine, int count, ExecutionStatus status)
            throws InterruptedException {
        while (count(engine, status) < count) {
            Thread.sleep(100);
        }
    }

    private static int count(DurableWorkflowEngine engine, ExecutionStatus status) {
        try (var connection = counter.getConnection();
                var query = connection.prepareStatement("select count(*) from workflow_executions where status = ?")) {
            query.setString(1, status.name());
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long usedHeap() {
        var memory = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return memory.getUsed();
    }
}
