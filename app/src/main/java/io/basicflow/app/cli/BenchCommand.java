package io.basicflow.app.cli;

import io.basicflow.app.bench.ChatWorkload;
import io.basicflow.app.config.Configuration;
import io.basicflow.benchmark.BenchOptions;
import io.basicflow.benchmark.BenchResult;
import io.basicflow.benchmark.DurableBench;
import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.benchmark.CompileBenchmark;
import io.basicflow.engine.benchmark.DirectBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code basicflow bench WORKLOAD}: the benchmarks. Each prints one line {@code RESULT mode=… key=value
 * …}. Benchmarks are not tests: run them on a quiet machine.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a benchmark and prints one line: RESULT mode=WORKLOAD key=value ...",
            "Workloads: compile    compiler throughput over a folder of scripts",
            "           direct     in-memory interpreter on a FOR loop",
            "           effects    N executions x K durable calls of a no-op effect keyword",
            "           sequential one execution of K durable effect steps in a row (latency)",
            "           dialog     N executions of K statements (SET, IF, TALK)",
            "           wait       N executions parked at HEAR: heap, threads, resumptions/s",
            "           recovery   kill -9 a worker process with N executions in flight;",
            "                      seconds until a new process has all of them moving",
            "           http       N executions x K GETs to a local HTTP server (default 1000 x 10,",
            "                      C 32); engine_ms_per_step = time per step minus the server's",
            "           events     N executions parked at WAIT FOR EVENT: heap, threads, one",
            "                      published event wakes them all: seconds until all completed",
            "           data       N executions x K SAVEs (exactly-once writes), C at once;",
            "                      also probes the raw one-row commit first",
            "           ai         N executions x K LLM calls to a local zero-latency OpenAI-",
            "                      compatible server (default 1000 x 10, C 32); engine_ms_per_step",
            "                      = time per step minus the server's; raw_commit_ms probed first",
            "           chat       a real 'basicflow serve' child process; this JVM drives N",
            "                      conversations (default 1000) of K turns (default 10), C at once",
            "                      (default 50), over HTTP: POST input, the reply pushed on the",
            "                      conversation's event stream (--replies sse, the default) or",
            "                      long-polled (--replies poll);",
            "                      turns/s and p50/p99/max ms from the input's POST to the reply;",
            "                      -D settings go to the server process",
            "The durable workloads run on a fresh embedded PostgreSQL in a temporary folder",
            "(deleted afterwards), or with --db-url in a scratch schema (dropped afterwards)."
        })
public final class BenchCommand implements Callable<Integer> {

    @Mixin
    private ConfigOptions options;

    @Parameters(
            paramLabel = "WORKLOAD",
            description =
                    "compile, direct, effects, sequential, dialog, wait, recovery, http, events, data, ai or chat")
    private String workload;

    @Option(
            names = "--executions",
            paramLabel = "N",
            description = "durable: executions (default: effects 1000, sequential 1, dialog 1000, wait 100000,"
                    + " recovery 10000, events 10000); chat: conversations (default 1000)")
    private Integer executions;

    @Option(
            names = "--steps",
            paramLabel = "K",
            description = "direct: loop iterations (default 1000000); effects, sequential: effect steps per"
                    + " execution (default 20, 200); dialog: statements per script (default 30); chat: turns per"
                    + " conversation (default 10)")
    private Long steps;

    @Option(
            names = "--concurrency",
            paramLabel = "C",
            description = "durable: activations at once in the worker pool (default 1000; sequential 1; data 32);"
                    + " chat: conversations in flight at once (default 50)")
    private Integer concurrency;

    @Option(
            names = "--replies",
            paramLabel = "HOW",
            description =
                    "chat: sse (an event stream per conversation, the default) or poll (a long-poll GET per" + " turn)")
    private String replies = "sse";

    @Option(
            names = "--scripts",
            paramLabel = "DIR",
            description = "compile: folder of .bas files (default ../shared/corpus)")
    private Path scripts = Path.of("../shared/corpus");

    @Option(names = "--seconds", description = "compile: seconds to measure after as long a warm-up (default 5)")
    private int seconds = 5;

    @Override
    public Integer call() {
        String name = workload.toLowerCase(Locale.ROOT);
        return switch (name) {
            case "compile" -> compile();
            case "direct" -> direct();
            case "chat" -> chat();
            default -> {
                if (DurableBench.isWorkload(name)) {
                    yield durable(name);
                }
                System.err.println("basicflow: unknown workload '" + workload + "'; try: compile, direct, chat, "
                        + String.join(", ", DurableBench.WORKLOADS));
                yield 2;
            }
        };
    }

    private int compile() {
        if (!Files.isDirectory(scripts)) {
            System.err.println("basicflow: no folder of scripts at " + scripts + "; give one with --scripts DIR");
            return 2;
        }
        ScriptService compiler = Assembly.compiler(options.configuration()).getInstance(ScriptService.class);
        CompileBenchmark.Result result =
                CompileBenchmark.run(compiler, scripts, Duration.ofSeconds(seconds), Duration.ofSeconds(seconds));
        System.out.println(result.describe());
        System.out.println(String.format(
                Locale.ROOT,
                "RESULT mode=compile files=%d lines=%d rounds=%d seconds=%.3f lines_per_s=%.0f files_per_s=%.0f",
                result.files(),
                result.linesPerRound(),
                result.rounds(),
                result.elapsed().toNanos() / 1e9,
                result.linesPerSecond(),
                result.filesPerSecond()));
        return 0;
    }

    private int direct() {
        DirectBenchmark.Result result = DirectBenchmark.run(steps == null ? 1_000_000 : steps, 5, 10);
        System.out.println(result.report());
        System.out.println(String.format(
                Locale.ROOT,
                "RESULT mode=direct iterations=%d steps=%d rounds=%d best_ms=%.3f steps_per_s=%.0f",
                result.iterations(),
                result.stepsPerRound(),
                result.rounds(),
                result.bestNanos() / 1e6,
                result.stepsPerSecond()));
        return 0;
    }

    private int chat() {
        Logging.quietUnlessConfigured("WARN");
        ChatWorkload.Options defaults = ChatWorkload.Options.DEFAULTS;
        if (options.configuration().source("basicflow.db.url").equals("command line")) {
            System.err.println(
                    "basicflow: bench chat runs its server on a fresh embedded PostgreSQL only;" + " drop --db-url");
            return 2;
        }
        ChatWorkload.Options chosen;
        try {
            chosen = new ChatWorkload.Options(
                    executions == null ? defaults.conversations() : executions,
                    steps == null ? defaults.turns() : Math.toIntExact(Math.min(steps, Integer.MAX_VALUE)),
                    concurrency == null ? defaults.concurrency() : concurrency,
                    replies(replies));
        } catch (IllegalArgumentException e) {
            System.err.println("basicflow: " + e.getMessage());
            return 2;
        }
        // -D settings on this command line are the server's (e.g. its worker pool), not the client's.
        List<String> serverSettings = options.commandLineSettings().entrySet().stream()
                .map(setting -> "-D" + setting.getKey() + "=" + setting.getValue())
                .toList();
        System.out.println(ChatWorkload.run(chosen, serverSettings).line());
        return 0;
    }

    private static ChatWorkload.Replies replies(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "sse" -> ChatWorkload.Replies.SSE;
            case "poll" -> ChatWorkload.Replies.POLL;
            default ->
                throw new IllegalArgumentException(
                        "--replies must be sse (an event stream per conversation) or poll (a long-poll per turn), was '"
                                + name + "'");
        };
    }

    private int durable(String name) {
        Logging.quietUnlessConfigured("WARN");
        Configuration configuration = options.configuration();
        BenchOptions defaults = BenchOptions.defaults(name);
        if (steps != null && (steps < 1 || steps > Integer.MAX_VALUE)) {
            System.err.println("basicflow: --steps must be between 1 and " + Integer.MAX_VALUE);
            return 2;
        }
        // Only a URL given to this command (--db-url or -D) is used: a configured production
        // database is never a benchmark's default.
        String urlKey = "basicflow.db.url";
        Optional<String> url =
                configuration.source(urlKey).equals("command line") ? configuration.get(urlKey) : Optional.empty();
        BenchOptions chosen;
        try {
            chosen = defaults.withSizes(
                            executions == null ? defaults.executions() : executions,
                            steps == null ? defaults.steps() : steps.intValue(),
                            concurrency == null ? defaults.concurrency() : concurrency)
                    .withDatabaseUrl(url)
                    .withSettings(key -> configuration.get(key).orElse(null));
        } catch (IllegalArgumentException e) {
            System.err.println("basicflow: " + e.getMessage());
            return 2;
        }
        BenchResult result = DurableBench.run(name, chosen);
        System.out.println(result.line());
        return 0;
    }
}
