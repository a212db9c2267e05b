package io.basicflow.compiler.benchmark;

import static java.util.Objects.requireNonNull;

import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A plain harness (not a test, not JMH) that measures how fast the compiler compiles a set of scripts
 * on the calling thread: it compiles them round after round for a warm-up period, then measures for
 * a fixed period. The figure is source lines per second, blank and comment lines included.
 *
 * <p>{@code java … io.basicflow.compiler.benchmark.CompileBenchmark [folder] [warmup-seconds]
 * [measure-seconds]}; without a folder it uses the {@code basicflow.corpus} system property or {@code
 * ../shared/corpus}, and falls back to a generated script when neither exists.
 */
public final class CompileBenchmark {

    private CompileBenchmark() {}

    /**
     * One script to compile.
     *
     * @param name its name
     * @param source its text
     */
    public record Source(String name, String source) {
        /**
         * Validates the parts.
         *
         * @param name not null
         * @param source not null
         */
        public Source {
            requireNonNull(name, "name is null");
            requireNonNull(source, "source is null");
        }

        int lines() {
            return (int) source.lines().count();
        }
    }

    /**
     * What a run measured.
     *
     * @param files scripts per round
     * @param linesPerRound source lines per round
     * @param rounds rounds compiled while measuring
     * @param elapsed the measured time
     * @param linesPerSecond source lines compiled per second
     * @param filesPerSecond scripts compiled per second
     * @param failedFiles scripts per round that did not compile (their diagnostics were still produced)
     */
    public record Result(
            int files,
            long linesPerRound,
            long rounds,
            Duration elapsed,
            double linesPerSecond,
            double filesPerSecond,
            int failedFiles) {

        /**
         * The result as one line of text.
         *
         * @return e.g. {@code compiled 82 files (9398 lines) x 530 rounds in 5.0 s: 996,000 lines/s, …}
         */
        public String describe() {
            return String.format(
                    Locale.ROOT,
                    "compiled %d files (%d lines) x %d rounds in %.1f s on one thread: %,.0f lines/s, %,.0f files/s"
                            + " (%d of the files have diagnostics)",
                    files,
                    linesPerRound,
                    rounds,
                    elapsed.toNanos() / 1e9,
                    linesPerSecond,
                    filesPerSecond,
                    failedFiles);
        }
    }

    /**
     * Measures compiling some scripts.
     *
     * @param service the compiler
     * @param sources the scripts, at least one
     * @param warmup how long to compile before measuring
     * @param measure how long to measure
     * @return the figures
     */
    public static Result run(ScriptService service, List<Source> sources, Duration warmup, Duration measure) {
        requireNonNull(service, "service is null");
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("nothing to compile");
        }
        long lines = sources.stream().mapToLong(Source::lines).sum();
        int failed = 0;
        for (Source source : sources) {
            if (!service.check(source.name(), source.source()).succeeded()) {
                failed++;
            }
        }
        long sink = 0;
        long warmupEnd = System.nanoTime() + warmup.toNanos();
        while (System.nanoTime() < warmupEnd) {
            sink += round(service, sources);
        }
        long rounds = 0;
        long start = System.nanoTime();
        long end = start + measure.toNanos();
        long now;
        do {
            sink += round(service, sources);
            rounds++;
            now = System.nanoTime();
        } while (now < end);
        if (sink == 42) {
            System.out.print("");
        }
        double seconds = (now - start) / 1e9;
        return new Result(
                sources.size(),
                lines,
                rounds,
                Duration.ofNanos(now - start),
                lines * rounds / seconds,
                sources.size() * rounds / seconds,
                failed);
    }

    private static long round(ScriptService service, List<Source> sources) {
        long diagnostics = 0;
        for (Source source : sources) {
            diagnostics +=
                    service.check(source.name(), source.source()).diagnostics().size();
        }
        return diagnostics;
    }

    /**
     * Measures compiling every {@code .bas} file under a folder.
     *
     * @param service the compiler
     * @param folder the scripts' folder
     * @param warmup how long to compile before measuring
     * @param measure how long to measure
     * @return the figures
     * @throws UncheckedIOException when the folder cannot be read
     */
    public static Result run(ScriptService service, Path folder, Duration warmup, Duration measure) {
        return run(service, load(folder), warmup, measure);
    }

    /**
     * Reads every {@code .bas} file under a folder.
     *
     * @param folder the folder
     * @return the scripts, in path order
     * @throws UncheckedIOException when the folder cannot be read
     */
    public static List<Source> load(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            List<Source> sources = new ArrayList<>();
            for (Path file : walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().toLowerCase(Locale.ROOT).endsWith(".bas"))
                    .sorted()
                    .toList()) {
                sources.add(new Source(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
            }
            return sources;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the scripts under " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * A script of our own with every common statement form, repeated to about a given number of lines,
     * for when no corpus is at hand.
     *
     * @param lines roughly how many lines
     * @return the script
     */
    public static Source generated(int lines) {
        String block = """
                ' a generated script: every common form
                PARAM customer AS STRING LIKE "Ana" DESCRIPTION "who orders"
                total = 0
                items = [1, 2, 3, 4]
                FOR EACH item IN items
                    total = total + item * 2
                NEXT
                FOR i = 1 TO 10 STEP 2
                    IF i MOD 3 = 0 THEN
                        TALK "Fizz ${i}"
                    ELSEIF i > 5 AND total < 100 THEN
                        TALK "Big {customer}"
                    ELSE
                        total = total - 1
                    END IF
                NEXT i
                HEAR answer AS "Yes", "No" WITH "Continue, {customer}?"
                SELECT CASE answer
                    CASE "Yes"
                        order = #{ id: UUID(), lines: items, customer: { name: customer, vip: TRUE } }
                    CASE ELSE
                        RETURN NULL
                END SELECT
                DO WHILE total > 0
                    total = total \\ 2
                LOOP
                WITH receipt
                    number = LEFT(UUID(), 8)
                    amount = ROUND(total / 3, 2)
                END WITH
                TALK "Receipt " + receipt.number + ": " + FORMAT(receipt.amount, "0.00")
                """;
        int blockLines = (int) block.lines().count();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.max(1, lines / blockLines); i++) {
            out.append(block);
        }
        return new Source("generated.bas", out.toString());
    }

    /**
     * Runs the benchmark and prints the result.
     *
     * @param args optional: the scripts' folder, warm-up seconds, measured seconds
     */
    public static void main(String[] args) {
        Path folder = Path.of(args.length > 0 ? args[0] : System.getProperty("basicflow.corpus", "../shared/corpus"));
        Duration warmup = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 5);
        Duration measure = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 10);
        ScriptService service = new ScriptService(KeywordCatalogue.discover(CompileBenchmark.class.getClassLoader()));
        List<Source> sources = Files.isDirectory(folder) ? load(folder) : List.of(generated(10_000));
        System.out.println("compiling " + (Files.isDirectory(folder) ? folder : "a generated script") + " with "
                + service.catalogue());
        System.out.println(run(service, sources, warmup, measure).describe());
    }
}
