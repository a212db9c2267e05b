package io.basicflow.benchmark;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a benchmark measured: its workload and {@code key=value} figures in the order they were added,
 * printed as one line {@code RESULT mode=WORKLOAD key=value …}.
 *
 * @param mode the workload
 * @param figures the figures, formatted
 */
public record BenchResult(String mode, Map<String, String> figures) {

    /**
     * Validates and copies the parts.
     *
     * @param mode not null
     * @param figures not null, keys without spaces or {@code =}
     */
    public BenchResult {
        requireNonNull(mode, "mode is null");
        for (String key : figures.keySet()) {
            if (key.isEmpty() || key.contains(" ") || key.contains("=")) {
                throw new IllegalArgumentException("a figure's key is one word without '=': '" + key + "'");
            }
        }
        figures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    }

    /**
     * The result line.
     *
     * @return {@code RESULT mode=… key=value …}
     */
    public String line() {
        StringBuilder line = new StringBuilder("RESULT mode=").append(mode);
        figures.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
        return line.toString();
    }

    /**
     * One figure.
     *
     * @param key its key
     * @return its value as printed, empty when the result has no such figure
     */
    public Optional<String> figure(String key) {
        return Optional.ofNullable(figures.get(key));
    }

    /** Collects figures in order. */
    static final class Builder {
        private final String mode;
        private final Map<String, String> figures = new LinkedHashMap<>();

        Builder(String mode) {
            this.mode = mode;
        }

        Builder count(String key, long value) {
            figures.put(key, Long.toString(value));
            return this;
        }

        /** A rate or large figure: no decimals. */
        Builder rate(String key, double value) {
            figures.put(key, String.format(Locale.ROOT, "%.0f", value));
            return this;
        }

        /** A small figure: three decimals. */
        Builder decimal(String key, double value) {
            figures.put(key, String.format(Locale.ROOT, "%.3f", value));
            return this;
        }

        Builder text(String key, String value) {
            figures.put(key, value);
            return this;
        }

        BenchResult build() {
            return new BenchResult(mode, figures);
        }
    }
}
