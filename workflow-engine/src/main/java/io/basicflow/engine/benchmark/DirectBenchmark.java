package io.basicflow.engine.benchmark;

import static java.util.Objects.requireNonNull;

import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.engine.direct.Conversation;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.engine.direct.DirectRunner;
import io.basicflow.engine.direct.ScriptCompiler;
import io.basicflow.engine.interpreter.Limits;
import io.basicflow.engine.interpreter.RuntimeCatalogue;
import io.basicflow.spi.program.Program;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.Value;
import java.math.BigInteger;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Direct-mode speed: compiles {@code FOR i = 1 TO n / total = total + i / NEXT / RETURN total} with
 * the real compiler, runs it in memory with a non-recording journal, and reports the best of
 * several timed rounds after warm-up rounds (compilation is not timed).
 *
 * <p>How steps are counted: every statement executed is a step, and so is every loop iteration's
 * {@code NEXT} (it updates the counter and tests the bound, and is one event in a durable run). The
 * loop above runs {@code 2n + 1} steps for {@code n} iterations: the {@code FOR}, then per iteration
 * the assignment and the {@code NEXT}; the result reports both steps/s and iterations/s.
 *
 * <p>Not a test: run it with {@code java … io.basicflow.engine.benchmark.DirectBenchmark [iterations]
 * [warm-up rounds] [timed rounds]}, or through the CLI's {@code bench} command.
 */
public final class DirectBenchmark {

    /** The benchmarked script, as source text (for reports). */
    public static final String SCRIPT = "FOR i = 1 TO %d\n    total = total + i\nNEXT\nRETURN total";

    private DirectBenchmark() {}

    /**
     * What one benchmark run measured.
     *
     * @param script the script run
     * @param iterations loop iterations per round
     * @param stepsPerRound steps per round, as counted by the interpreter
     * @param rounds timed rounds
     * @param bestNanos the fastest timed round
     * @param stepsPerSecond steps per second in the fastest round
     * @param iterationsPerSecond loop iterations per second in the fastest round
     */
    public record Result(
            String script,
            long iterations,
            long stepsPerRound,
            int rounds,
            long bestNanos,
            double stepsPerSecond,
            double iterationsPerSecond) {

        /**
         * Validates the parts.
         *
         * @param script not null
         * @param iterations the count
         * @param stepsPerRound the count
         * @param rounds the count
         * @param bestNanos the time
         * @param stepsPerSecond the rate
         * @param iterationsPerSecond the rate
         */
        public Result {
            requireNonNull(script, "script is null");
        }

        /**
         * The result as a short report.
         *
         * @return several lines of text
         */
        public String report() {
            return String.format(
                    Locale.ROOT,
                    "direct mode: %s%n%,d iterations = %,d steps per round; best of %d rounds: %.1f ms%n"
                            + "%,.0f steps/s, %,.0f iterations/s",
                    script.replaceAll("\\n\\s*", " / "),
                    iterations,
                    stepsPerRound,
                    rounds,
                    bestNanos / 1e6,
                    stepsPerSecond,
                    iterationsPerSecond);
        }
    }

    /**
     * Runs the benchmark.
     *
     * @param iterations loop iterations per round, e.g. 1,000,000
     * @param warmupRounds untimed rounds first, so the JIT compiles the interpreter
     * @param timedRounds timed rounds; the fastest counts
     * @return the measurement
     * @throws IllegalStateException when the script does not compute the expected total
     */
    public static Result run(long iterations, int warmupRounds, int timedRounds) {
        return run(iterations, warmupRounds, timedRounds, false);
    }

    /**
     * Runs the benchmark, optionally with a recording journal (every step becomes an event with its
     * delta, kept in memory: the interpreter's share of a durable run's cost, without the database).
     *
     * @param iterations loop iterations per round, e.g. 1,000,000
     * @param warmupRounds untimed rounds first, so the JIT compiles the interpreter
     * @param timedRounds timed rounds; the fastest counts
     * @param recording whether the journal records every event
     * @return the measurement
     * @throws IllegalStateException when the script does not compute the expected total
     */
    public static Result run(long iterations, int warmupRounds, int timedRounds, boolean recording) {
        if (iterations < 1 || warmupRounds < 0 || timedRounds < 1) {
            throw new IllegalArgumentException("need iterations >= 1, warm-up rounds >= 0, timed rounds >= 1");
        }
        KeywordCatalogue plugins = KeywordCatalogue.of(new CorePlugin());
        ScriptService compiler = new ScriptService(plugins);
        String source = String.format(Locale.ROOT, SCRIPT, iterations);
        Program program = compiler.compile("benchmark.bas", source).program();
        RuntimeCatalogue catalogue = RuntimeCatalogue.from(plugins, Map.of(), Clock.systemUTC());
        DirectRunner runner = DirectRunner.builder(catalogue, ScriptCompiler.using(compiler))
                // the loop is the work: neither the activation's slice nor an execution's quotas stop it
                .limits(Limits.DEFAULT
                        .withStepsPerActivation(Integer.MAX_VALUE)
                        .withQuotas(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE))
                .recording(recording)
                .build();
        Conversation silent = Conversation.silent();
        Value expected = NumberValue.of(BigInteger.valueOf(iterations)
                .multiply(BigInteger.valueOf(iterations + 1))
                .shiftRight(1)
                .longValueExact());
        long best = Long.MAX_VALUE;
        long steps = 0;
        for (int round = 0; round < warmupRounds + timedRounds; round++) {
            long start = System.nanoTime();
            DirectRunner.DirectRun run = runner.run(program, silent);
            long elapsed = System.nanoTime() - start;
            if (!(run.outcome() instanceof DirectOutcome.Completed completed)
                    || !completed.result().equals(Optional.of(expected))) {
                throw new IllegalStateException("the benchmark script computed "
                        + run.outcome().message() + " instead of " + expected.display());
            }
            steps = run.state().steps();
            if (round >= warmupRounds) {
                best = Math.min(best, elapsed);
            }
        }
        double seconds = best / 1e9;
        return new Result(
                source + (recording ? " (recording every event)" : ""),
                iterations,
                steps,
                timedRounds,
                best,
                steps / seconds,
                iterations / seconds);
    }

    /**
     * Runs the benchmark and prints the report.
     *
     * @param args optional: iterations (default 1,000,000), warm-up rounds (5), timed rounds (10),
     *     {@code recording} to also measure with a recording journal
     */
    public static void main(String[] args) {
        long iterations = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 1_000_000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int timed = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        System.out.println(run(iterations, warmup, timed).report());
        if (args.length > 3 && args[3].equals("recording")) {
            System.out.println(run(iterations, warmup, timed, true).report());
        }
    }
}
