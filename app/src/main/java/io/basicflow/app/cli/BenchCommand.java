package io.basicflow.app.cli;

import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.benchmark.CompileBenchmark;
import io.basicflow.engine.benchmark.DirectBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
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
            "Workloads: compile (compiler throughput over a folder of scripts),",
            "           direct (in-memory interpreter on a FOR loop)."
        })
public final class BenchCommand implements Callable<Integer> {

    @Mixin
    private ConfigOptions options;

    @Parameters(paramLabel = "WORKLOAD", description = "compile or direct")
    private String workload;

    @Option(names = "--steps", paramLabel = "K", description = "direct: loop iterations (default 1000000)")
    private long steps = 1_000_000;

    @Option(
            names = "--scripts",
            paramLabel = "DIR",
            description = "compile: folder of .bas files (default ../shared/corpus)")
    private Path scripts = Path.of("../shared/corpus");

    @Option(names = "--seconds", description = "compile: seconds to measure after as long a warm-up (default 5)")
    private int seconds = 5;

    @Override
    public Integer call() {
        return switch (workload.toLowerCase(Locale.ROOT)) {
            case "compile" -> compile();
            case "direct" -> direct();
            default -> {
                System.err.println("basicflow: unknown workload '" + workload + "'; try: compile, direct");
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
        return 0;
    }

    private int direct() {
        DirectBenchmark.Result result = DirectBenchmark.run(steps, 5, 10);
        System.out.println(result.report());
        return 0;
    }
}
