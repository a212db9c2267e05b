package io.basicflow.benchmark;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.function.Function;

/**
 * What a durable benchmark runs: how many executions, how many steps each, how many activations at
 * once, and where the database is.
 *
 * @param executions how many executions (N)
 * @param steps steps per execution (K); what a step is depends on the workload
 * @param concurrency the worker pool's activations at once (C)
 * @param databaseUrl an external PostgreSQL to run on (a scratch schema is made there and dropped
 *     afterwards); empty for a fresh embedded PostgreSQL in a temporary folder, deleted afterwards
 * @param settings further {@code basicflow.db.*} and {@code basicflow.durable.*} settings (the
 *     user, password and pool of the database, lease timings, …); null for an unset key
 */
public record BenchOptions(
        int executions, int steps, int concurrency, Optional<String> databaseUrl, Function<String, String> settings) {

    /**
     * Validates the options.
     *
     * @param executions at least 1
     * @param steps at least 1
     * @param concurrency at least 1
     * @param databaseUrl not null
     * @param settings not null
     */
    public BenchOptions {
        if (executions < 1 || steps < 1 || concurrency < 1) {
            throw new IllegalArgumentException("executions, steps and concurrency must be at least 1, were "
                    + executions + ", " + steps + " and " + concurrency);
        }
        requireNonNull(databaseUrl, "databaseUrl is null");
        requireNonNull(settings, "settings is null");
    }

    /**
     * The options a workload runs with when none are given: {@code effects} 1,000 × 20 at 1,000;
     * {@code sequential} 1 × 200 at 1; {@code dialog} 1,000 × 30 at 1,000; {@code wait} 100,000 at 1,000;
     * {@code recovery} 10,000 at 1,000; {@code events} 10,000 at 1,000; an embedded database and no further settings.
     *
     * @param workload the workload's name
     * @return its defaults
     * @throws IllegalArgumentException for an unknown workload
     */
    public static BenchOptions defaults(String workload) {
        return switch (DurableBench.workload(workload)) {
            case EFFECTS -> new BenchOptions(1000, 20, 1000, Optional.empty(), key -> null);
            case SEQUENTIAL -> new BenchOptions(1, 200, 1, Optional.empty(), key -> null);
            case DIALOG -> new BenchOptions(1000, 30, 1000, Optional.empty(), key -> null);
            case WAIT -> new BenchOptions(100_000, 1, 1000, Optional.empty(), key -> null);
            case RECOVERY -> new BenchOptions(10_000, 1, 1000, Optional.empty(), key -> null);
            case HTTP -> new BenchOptions(1000, 10, 32, Optional.empty(), key -> null);
            case EVENTS -> new BenchOptions(10_000, 1, 1000, Optional.empty(), key -> null);
            case DATA -> new BenchOptions(1000, 20, 32, Optional.empty(), key -> null);
            case AI -> new BenchOptions(1000, 10, 32, Optional.empty(), key -> null);
        };
    }

    /**
     * These options with other sizes.
     *
     * @param newExecutions N
     * @param newSteps K
     * @param newConcurrency C
     * @return new options
     */
    public BenchOptions withSizes(int newExecutions, int newSteps, int newConcurrency) {
        return new BenchOptions(newExecutions, newSteps, newConcurrency, databaseUrl, settings);
    }

    /**
     * These options on another database.
     *
     * @param url an external PostgreSQL, or empty for the embedded one
     * @return new options
     */
    public BenchOptions withDatabaseUrl(Optional<String> url) {
        return new BenchOptions(executions, steps, concurrency, url, settings);
    }

    /**
     * These options with further settings.
     *
     * @param lookup the value of a key, or null
     * @return new options
     */
    public BenchOptions withSettings(Function<String, String> lookup) {
        return new BenchOptions(executions, steps, concurrency, databaseUrl, lookup);
    }
}
