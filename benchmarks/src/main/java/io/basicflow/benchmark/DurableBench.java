package io.basicflow.benchmark;

import static java.util.Objects.requireNonNull;

import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.engine.api.StartRequest;
import io.basicflow.engine.durable.DurableSettings;
import io.basicflow.engine.durable.DurableWorkflowEngine;
import io.basicflow.persistence.DurableRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * The durable engine's benchmarks: each runs the engine as the app does (the durable runtime with its
 * own worker pool, default settings but for the concurrency) on a real PostgreSQL, and returns one
 * {@link BenchResult}.
 *
 * <ul>
 *   <li>{@code effects}: N executions of K calls of {@code NOOP}, a no-op idempotent plugin keyword;
 *       each call's {@code EffectStarted} is committed before its handler runs. {@code steps_per_s}
 *       counts effect steps from the first start to the last completion.
 *   <li>{@code sequential}: one execution of K {@code NOOP}s in a row; {@code ms_per_step} is the
 *       median of 10 timed runs, from the start call to the committed end.
 *   <li>{@code dialog}: N executions of a script of K statements mixing assignments, {@code IF} and
 *       {@code TALK}; {@code statements_per_s} counts the statements the interpreter executed.
 *   <li>{@code wait}: N executions parked at {@code HEAR}: heap per 1,000 waiting after a full GC,
 *       threads added, then input for all of them and {@code resume_per_s} until all completed.
 *   <li>{@code recovery}: a worker process runs N looping executions and is killed with SIGKILL; a
 *       new worker process starts; {@code recovery_seconds} runs from its launch until each of the N
 *       has committed a new event. See {@link RecoveryWorkload}.
 *   <li>{@code http}: N executions of K {@code GET}s to a local HTTP server; {@code
 *       engine_ms_per_step} is the time per step minus the server's own. See {@link HttpWorkload}.
 *   <li>{@code ai}: the same with {@code LLM} against a local zero-latency OpenAI-compatible server.
 *       See {@link AiWorkload}.
 * </ul>
 *
 * <p>Every workload but {@code recovery} first runs untimed warm-up rounds of the same shape until
 * the JIT compiler has settled ({@link #warmUp}), so that the figures are those of a warm JVM, like a
 * long-running server's; {@code warm_up_rounds} says how many. Figures besides the targets: CPU time
 * per unit of work of this JVM and of the embedded PostgreSQL (less disturbed by other programs on
 * the machine than rates), group commit and claim sizes.
 */
public final class DurableBench {

    /** The workloads. */
    enum Workload {
        EFFECTS,
        SEQUENTIAL,
        DIALOG,
        WAIT,
        RECOVERY,
        HTTP,
        EVENTS,
        DATA,
        AI
    }

    /** The names of the workloads, for messages. */
    public static final List<String> WORKLOADS =
            List.of("effects", "sequential", "dialog", "wait", "recovery", "http", "events", "data", "ai");

    private DurableBench() {}

    /**
     * Whether a name is a durable workload.
     *
     * @param name a workload name
     * @return true for effects, sequential, dialog, wait and recovery
     */
    public static boolean isWorkload(String name) {
        return WORKLOADS.contains(name.toLowerCase(Locale.ROOT));
    }

    static Workload workload(String name) {
        requireNonNull(name, "name is null");
        if (!isWorkload(name)) {
            throw new IllegalArgumentException(
                    "unknown durable workload '" + name + "'; try one of " + String.join(", ", WORKLOADS));
        }
        return Workload.valueOf(name.toUpperCase(Locale.ROOT));
    }

    /**
     * Runs a workload on a database of its own (see {@link BenchOptions#databaseUrl()}).
     *
     * @param name the workload
     * @param options sizes, database and settings
     * @return the figures
     * @throws IllegalArgumentException for an unknown workload
     * @throws IllegalStateException when the benchmark cannot complete (an execution failed, a worker
     *     process did not start, time ran out)
     */
    public static BenchResult run(String name, BenchOptions options) {
        Workload workload = workload(name);
        requireNonNull(options, "options is null");
        try (BenchDatabase database = BenchDatabase.open(options)) {
            return switch (workload) {
                case EFFECTS -> withRuntime(database, options, EffectsWorkload::run);
                case SEQUENTIAL -> withRuntime(database, options, SequentialWorkload::run);
                case DIALOG -> withRuntime(database, options, DialogWorkload::run);
                case WAIT -> withRuntime(database, options, WaitWorkload::run);
                case RECOVERY -> RecoveryWorkload.run(database, options);
                case HTTP -> inProcess(() -> HttpWorkload.run(database, options));
                case EVENTS -> withRuntime(database, options, EventsWorkload::run);
                case DATA -> withRuntime(database, options, DataWorkload::run);
                case AI -> inProcess(() -> AiWorkload.run(database, options));
            };
        }
    }

    /** A workload that builds its own runtime: its checked failures as the others report them. */
    private static BenchResult inProcess(java.util.concurrent.Callable<BenchResult> workload) {
        try {
            return workload.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the benchmark failed: " + e, e);
        }
    }

    /** A workload that runs in this process. */
    @FunctionalInterface
    interface InProcess {
        BenchResult run(Context context) throws Exception;
    }

    /** What an in-process workload works with. */
    record Context(
            BenchOptions options,
            BenchDatabase database,
            DurableRuntime runtime,
            DurableWorkflowEngine engine,
            BenchMetrics metrics,
            CpuMeter cpu) {}

    private static BenchResult withRuntime(BenchDatabase database, BenchOptions options, InProcess workload) {
        BenchMetrics metrics = new BenchMetrics();
        DurableSettings settings = settings(options);
        try (DurableRuntime runtime = DurableRuntime.builder(
                        database.database(),
                        KeywordCatalogue.of(
                                new CorePlugin(), new BenchmarkPlugin(), new io.basicflow.data.DataPlugin()))
                .settings(settings)
                .metrics(metrics)
                .start()) {
            Context context = new Context(
                    options, database, runtime, runtime.engine(), metrics, new CpuMeter(database.postmasterPid()));
            return workload.run(context);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the benchmark failed: " + e, e);
        }
    }

    /** The engine's settings: the given {@code basicflow.durable.*} keys over the defaults, and C. */
    static DurableSettings settings(BenchOptions options) {
        return DurableSettings.fromProperties(options.settings()::apply).toBuilder()
                .concurrency(options.concurrency())
                .build();
    }

    /**
     * Starts executions {@code prefix-0 … prefix-(count-1)} from many concurrent callers (as many
     * clients of an API would), returning when all are stored. The ids are derived, so the benchmark
     * holds no list of them.
     */
    static void startAll(DurableWorkflowEngine engine, String prefix, int count, IntFunction<String> source)
            throws Exception {
        startAll(engine, prefix, count, source, i -> Map.of());
    }

    /** Starts executions with start variables per execution (their index in, variables out). */
    static void startAll(
            DurableWorkflowEngine engine,
            String prefix,
            int count,
            IntFunction<String> source,
            IntFunction<Map<String, io.basicflow.spi.value.Value>> variables)
            throws Exception {
        int callers = Math.min(count, 512);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>(callers);
            for (int caller = 0; caller < callers; caller++) {
                int first = caller;
                done.add(clients.submit(() -> {
                    for (int i = first; i < count; i += callers) {
                        engine.start(new StartRequest(
                                Optional.of(prefix + "-" + i), "bench.bas", source.apply(i), variables.apply(i)));
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        }
    }

    /** A warm-up round. */
    @FunctionalInterface
    interface Round {
        void run() throws Exception;
    }

    /**
     * Runs warm-up rounds until the JIT compiler has settled: until a round spent less than 5% of
     * its time compiling (the compiler threads share the cores with the engine), at least one
     * round, at most 60 s.
     *
     * @return how many rounds ran
     */
    static int warmUp(Round round) throws Exception {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int rounds = 0;
        while (true) {
            long compiledBefore = jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
            long began = System.nanoTime();
            round.run();
            rounds++;
            double millis = (System.nanoTime() - began) / 1e6;
            long compiled =
                    jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() - compiledBefore : 0;
            if (compiled < 0.05 * millis || System.nanoTime() > deadline) {
                return rounds;
            }
        }
    }

    /** How long a round may take before the benchmark gives up: generous, it only stops a hang. */
    static Duration patience(long units) {
        return Duration.ofSeconds(120 + units / 500);
    }

    /** A script of {@code steps} calls of {@code NOOP}. */
    static String noops(int steps) {
        StringBuilder source = new StringBuilder("#workflow\n");
        for (int i = 0; i < steps; i++) {
            source.append("NOOP\n");
        }
        return source.toString();
    }
    /**
     * Starts {@code executions} executions of one source and waits until all completed: one round of a
     * throughput workload. Returns how long the starts took, in seconds.
     */
    static double startAndComplete(Context context, String prefix, int executions, String source) throws Exception {
        return startAndComplete(context, prefix, executions, source, i -> Map.of());
    }

    /** {@link #startAndComplete(Context, String, int, String)} with start variables per execution. */
    static double startAndComplete(
            Context context,
            String prefix,
            int executions,
            String source,
            IntFunction<Map<String, io.basicflow.spi.value.Value>> variables)
            throws Exception {
        BenchMetrics metrics = context.metrics();
        long target = metrics.completed.get() + executions;
        long began = System.nanoTime();
        startAll(context.engine(), prefix, executions, i -> source, variables);
        double startSeconds = secondsSince(began);
        metrics.await(metrics.completed, target, patience((long) executions * 10));
        return startSeconds;
    }

    /** Seconds since a {@link System#nanoTime()}. */
    static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
