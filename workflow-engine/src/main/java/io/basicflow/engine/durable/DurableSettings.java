package io.basicflow.engine.durable;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.interpreter.Limits;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a durable engine node behaves: its name, how much it runs at once, its lease and poll timings,
 * its commit boundaries and the limits of each execution. {@link #defaults()} suits a server; tests
 * shorten the timings with {@link #toBuilder()}.
 *
 * @param nodeName this process's name in lease owner ids and logs (several processes may share a
 *     name; each still gets its own owner id)
 * @param concurrency the most activations that run at once (each on a virtual thread)
 * @param claimBatch the most executions one claim takes
 * @param pollInterval how often a worker looks for work when no notification came (the fallback for
 *     lost notifications and for timers set by other nodes)
 * @param leaseTimeout how long a lease lasts without renewal; another node takes an execution over
 *     once its lease expired
 * @param heartbeatInterval how often leases are renewed and expired leases freed; well below {@code
 *     leaseTimeout}
 * @param checkpointSteps an activation commits after this many steps without a commit
 * @param checkpointInterval … or after this long without a commit, whichever comes first
 * @param snapshotInterval the state is written after this many events without a snapshot (and at
 *     every suspension and end), so resuming folds at most this many events
 * @param commitBatchSize the most executions one group commit writes
 * @param commitConcurrency how many group commits run at once (each on its own connection)
 * @param shutdownTimeout how long a graceful close waits for activations to reach a commit boundary
 * @param limits the limits of each execution ({@link Limits#stepsPerActivation()} is the fair-share
 *     budget: a runaway loop yields after it)
 * @param maxChildDepth how deeply scripts may start each other ({@code CALL "x.bas"}, tools)
 * @param messagePollInterval how often a long-polling {@code messages} call re-reads the outbox when
 *     the message may come from another process
 * @param reclaimDeadLocalOwners whether leases of owners on this host whose process is gone are freed
 *     at once instead of after {@code leaseTimeout} (safe unless two hosts share a host name)
 * @param deferredWrites the most writes of deferrable data steps (a plain {@code SAVE}) an activation
 *     records before writing them, in the transaction of its next commit; 0 writes each with its own
 *     step (see docs/data.md, "Several SAVEs in one commit")
 */
public record DurableSettings(
        String nodeName,
        int concurrency,
        int claimBatch,
        Duration pollInterval,
        Duration leaseTimeout,
        Duration heartbeatInterval,
        int checkpointSteps,
        Duration checkpointInterval,
        int snapshotInterval,
        int commitBatchSize,
        int commitConcurrency,
        Duration shutdownTimeout,
        Limits limits,
        int maxChildDepth,
        Duration messagePollInterval,
        boolean reclaimDeadLocalOwners,
        int deferredWrites) {

    /**
     * Validates the settings.
     *
     * @param nodeName 1–100 characters without {@code /}
     * @param concurrency at least 1
     * @param claimBatch at least 1
     * @param pollInterval positive
     * @param leaseTimeout positive, more than twice {@code heartbeatInterval}
     * @param heartbeatInterval positive
     * @param checkpointSteps at least 1
     * @param checkpointInterval positive
     * @param snapshotInterval at least 1
     * @param commitBatchSize at least 1
     * @param commitConcurrency at least 1
     * @param shutdownTimeout not negative
     * @param limits not null
     * @param maxChildDepth at least 1
     * @param messagePollInterval positive
     * @param reclaimDeadLocalOwners the flag
     * @param deferredWrites not negative
     */
    public DurableSettings {
        requireNonNull(nodeName, "nodeName is null");
        if (nodeName.isEmpty() || nodeName.length() > 100 || nodeName.contains("/")) {
            throw new IllegalArgumentException("nodeName must be 1-100 characters without '/', was '" + nodeName + "'");
        }
        atLeastOne(concurrency, "concurrency");
        atLeastOne(claimBatch, "claimBatch");
        positive(pollInterval, "pollInterval");
        positive(leaseTimeout, "leaseTimeout");
        positive(heartbeatInterval, "heartbeatInterval");
        // plus, not multipliedBy(2): that one initialises BigDecimal, costly in the injector of a cold JVM
        if (leaseTimeout.compareTo(heartbeatInterval.plus(heartbeatInterval)) <= 0) {
            throw new IllegalArgumentException("leaseTimeout (" + leaseTimeout
                    + ") must be more than twice heartbeatInterval (" + heartbeatInterval
                    + "), so that a live node renews its leases in time");
        }
        atLeastOne(checkpointSteps, "checkpointSteps");
        positive(checkpointInterval, "checkpointInterval");
        atLeastOne(snapshotInterval, "snapshotInterval");
        atLeastOne(commitBatchSize, "commitBatchSize");
        atLeastOne(commitConcurrency, "commitConcurrency");
        requireNonNull(shutdownTimeout, "shutdownTimeout is null");
        if (shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("shutdownTimeout must not be negative, was " + shutdownTimeout);
        }
        requireNonNull(limits, "limits is null");
        atLeastOne(maxChildDepth, "maxChildDepth");
        positive(messagePollInterval, "messagePollInterval");
        if (deferredWrites < 0) {
            throw new IllegalArgumentException("deferredWrites must not be negative, was " + deferredWrites);
        }
    }

    /**
     * The settings as they were before {@code deferredWrites} existed (kept for code that calls the
     * canonical constructor): deferral at its default, 100 writes.
     *
     * @deprecated use {@link #defaults()}{@code .toBuilder()} or the canonical constructor
     */
    @Deprecated
    public DurableSettings(
            String nodeName,
            int concurrency,
            int claimBatch,
            Duration pollInterval,
            Duration leaseTimeout,
            Duration heartbeatInterval,
            int checkpointSteps,
            Duration checkpointInterval,
            int snapshotInterval,
            int commitBatchSize,
            int commitConcurrency,
            Duration shutdownTimeout,
            Limits limits,
            int maxChildDepth,
            Duration messagePollInterval,
            boolean reclaimDeadLocalOwners) {
        this(
                nodeName,
                concurrency,
                claimBatch,
                pollInterval,
                leaseTimeout,
                heartbeatInterval,
                checkpointSteps,
                checkpointInterval,
                snapshotInterval,
                commitBatchSize,
                commitConcurrency,
                shutdownTimeout,
                limits,
                maxChildDepth,
                messagePollInterval,
                reclaimDeadLocalOwners,
                100);
    }

    /**
     * The defaults: node "basicflow", 256 activations at once, claims of 64, poll every second,
     * leases of 15 s renewed every 3 s, a commit at least every 1,000 steps or 100 ms, a snapshot at
     * least every 1,000 events, group commits of up to 1,000 executions two at a time, 10 s to shut
     * down, {@link Limits#DEFAULT}, children 16 deep, long polls re-read every 250 ms.
     *
     * @return the defaults
     */
    public static DurableSettings defaults() {
        return new DurableSettings(
                "basicflow",
                256,
                64,
                Duration.ofSeconds(1),
                Duration.ofSeconds(15),
                Duration.ofSeconds(3),
                1000,
                Duration.ofMillis(100),
                1000,
                1000,
                2,
                Duration.ofSeconds(10),
                Limits.DEFAULT,
                16,
                Duration.ofMillis(250),
                true,
                100);
    }

    /** The key prefix of every durable engine setting. */
    public static final String PREFIX = "basicflow.durable.";

    /**
     * Reads {@code basicflow.durable.*} keys over the {@link #defaults()}: {@code node},
     * {@code concurrency}, {@code claim-batch}, {@code poll-interval}, {@code lease-timeout},
     * {@code heartbeat-interval}, {@code checkpoint-steps}, {@code checkpoint-interval},
     * {@code snapshot-interval}, {@code commit-batch}, {@code commit-concurrency},
     * {@code shutdown-timeout}, {@code steps-per-activation}, {@code max-child-depth},
     * {@code message-poll-interval}, {@code reclaim-dead-local-owners}, {@code deferred-writes}. Durations are written
     * {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h} or ISO-8601.
     *
     * @param lookup the value of a key, or null when it is not set ({@code System::getProperty})
     * @return the settings
     * @throws IllegalArgumentException naming the key whose value is malformed
     */
    public static DurableSettings fromProperties(Function<String, String> lookup) {
        requireNonNull(lookup, "lookup is null");
        DurableSettings defaults = defaults();
        Function<String, String> read = key -> {
            String value = lookup.apply(PREFIX + key);
            return value == null || value.isBlank() ? null : value.trim();
        };
        Builder builder = defaults.toBuilder();
        Optional.ofNullable(read.apply("node")).ifPresent(builder::nodeName);
        integer(read, "concurrency").ifPresent(builder::concurrency);
        integer(read, "claim-batch").ifPresent(builder::claimBatch);
        duration(read, "poll-interval").ifPresent(builder::pollInterval);
        duration(read, "lease-timeout").ifPresent(builder::leaseTimeout);
        duration(read, "heartbeat-interval").ifPresent(builder::heartbeatInterval);
        integer(read, "checkpoint-steps").ifPresent(builder::checkpointSteps);
        duration(read, "checkpoint-interval").ifPresent(builder::checkpointInterval);
        integer(read, "snapshot-interval").ifPresent(builder::snapshotInterval);
        integer(read, "commit-batch").ifPresent(builder::commitBatchSize);
        integer(read, "commit-concurrency").ifPresent(builder::commitConcurrency);
        duration(read, "shutdown-timeout").ifPresent(builder::shutdownTimeout);
        integer(read, "steps-per-activation")
                .ifPresent(steps -> builder.limits(defaults.limits().withStepsPerActivation(steps)));
        integer(read, "max-child-depth").ifPresent(builder::maxChildDepth);
        duration(read, "message-poll-interval").ifPresent(builder::messagePollInterval);
        Optional.ofNullable(read.apply("reclaim-dead-local-owners"))
                .ifPresent(value -> builder.reclaimDeadLocalOwners(Boolean.parseBoolean(value)));
        integer(read, "deferred-writes").ifPresent(builder::deferredWrites);
        return builder.build();
    }

    private static Optional<Integer> integer(Function<String, String> read, String key) {
        String value = read.apply(key);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PREFIX + key + " must be a whole number, got '" + value + "'", e);
        }
    }

    private static Optional<Duration> duration(Function<String, String> read, String key) {
        String value = read.apply(key);
        if (value == null) {
            return Optional.empty();
        }
        try {
            String text = value.toLowerCase(Locale.ROOT);
            if (text.startsWith("p")) {
                return Optional.of(Duration.parse(value));
            }
            Matcher match = Pattern.compile("(\\d+)\\s*(ms|s|m|h)").matcher(text);
            if (!match.matches()) {
                throw new IllegalArgumentException("not a duration");
            }
            long amount = Long.parseLong(match.group(1));
            return Optional.of(
                    switch (match.group(2)) {
                        case "ms" -> Duration.ofMillis(amount);
                        case "s" -> Duration.ofSeconds(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        default -> Duration.ofHours(amount);
                    });
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    PREFIX + key + " must be a duration like 500ms, 10s, 5m, 1h or PT10S, got '" + value + "'", e);
        }
    }

    /**
     * A builder that starts from these settings.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void atLeastOne(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }

    private static void positive(Duration value, String name) {
        requireNonNull(value, name + " is null");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    /** Changes some settings and keeps the others. */
    public static final class Builder {
        private String nodeName;
        private int concurrency;
        private int claimBatch;
        private Duration pollInterval;
        private Duration leaseTimeout;
        private Duration heartbeatInterval;
        private int checkpointSteps;
        private Duration checkpointInterval;
        private int snapshotInterval;
        private int commitBatchSize;
        private int commitConcurrency;
        private Duration shutdownTimeout;
        private Limits limits;
        private int maxChildDepth;
        private Duration messagePollInterval;
        private boolean reclaimDeadLocalOwners;
        private int deferredWrites;

        private Builder(DurableSettings from) {
            nodeName = from.nodeName;
            concurrency = from.concurrency;
            claimBatch = from.claimBatch;
            pollInterval = from.pollInterval;
            leaseTimeout = from.leaseTimeout;
            heartbeatInterval = from.heartbeatInterval;
            checkpointSteps = from.checkpointSteps;
            checkpointInterval = from.checkpointInterval;
            snapshotInterval = from.snapshotInterval;
            commitBatchSize = from.commitBatchSize;
            commitConcurrency = from.commitConcurrency;
            shutdownTimeout = from.shutdownTimeout;
            limits = from.limits;
            maxChildDepth = from.maxChildDepth;
            messagePollInterval = from.messagePollInterval;
            reclaimDeadLocalOwners = from.reclaimDeadLocalOwners;
            deferredWrites = from.deferredWrites;
        }

        /**
         * Sets the node name.
         *
         * @param value the name
         * @return this builder
         */
        public Builder nodeName(String value) {
            nodeName = value;
            return this;
        }

        /**
         * Sets the concurrency.
         *
         * @param value activations at once
         * @return this builder
         */
        public Builder concurrency(int value) {
            concurrency = value;
            return this;
        }

        /**
         * Sets the claim batch.
         *
         * @param value executions per claim
         * @return this builder
         */
        public Builder claimBatch(int value) {
            claimBatch = value;
            return this;
        }

        /**
         * Sets the poll interval.
         *
         * @param value the interval
         * @return this builder
         */
        public Builder pollInterval(Duration value) {
            pollInterval = value;
            return this;
        }

        /**
         * Sets the lease timeout.
         *
         * @param value the timeout
         * @return this builder
         */
        public Builder leaseTimeout(Duration value) {
            leaseTimeout = value;
            return this;
        }

        /**
         * Sets the heartbeat interval.
         *
         * @param value the interval
         * @return this builder
         */
        public Builder heartbeatInterval(Duration value) {
            heartbeatInterval = value;
            return this;
        }

        /**
         * Sets the steps between commits.
         *
         * @param value the steps
         * @return this builder
         */
        public Builder checkpointSteps(int value) {
            checkpointSteps = value;
            return this;
        }

        /**
         * Sets the time between commits.
         *
         * @param value the interval
         * @return this builder
         */
        public Builder checkpointInterval(Duration value) {
            checkpointInterval = value;
            return this;
        }

        /**
         * Sets the events between snapshots.
         *
         * @param value the events
         * @return this builder
         */
        public Builder snapshotInterval(int value) {
            snapshotInterval = value;
            return this;
        }

        /**
         * Sets the group commit size.
         *
         * @param value executions per group commit
         * @return this builder
         */
        public Builder commitBatchSize(int value) {
            commitBatchSize = value;
            return this;
        }

        /**
         * Sets the number of concurrent group commits.
         *
         * @param value group commits at once
         * @return this builder
         */
        public Builder commitConcurrency(int value) {
            commitConcurrency = value;
            return this;
        }

        /**
         * Sets the shutdown timeout.
         *
         * @param value the timeout
         * @return this builder
         */
        public Builder shutdownTimeout(Duration value) {
            shutdownTimeout = value;
            return this;
        }

        /**
         * Sets the limits.
         *
         * @param value the limits
         * @return this builder
         */
        public Builder limits(Limits value) {
            limits = value;
            return this;
        }

        /**
         * Sets the child depth.
         *
         * @param value the depth
         * @return this builder
         */
        public Builder maxChildDepth(int value) {
            maxChildDepth = value;
            return this;
        }

        /**
         * Sets the long-poll re-read interval.
         *
         * @param value the interval
         * @return this builder
         */
        public Builder messagePollInterval(Duration value) {
            messagePollInterval = value;
            return this;
        }

        /**
         * Sets whether dead local owners are reclaimed at once.
         *
         * @param value the flag
         * @return this builder
         */
        public Builder reclaimDeadLocalOwners(boolean value) {
            reclaimDeadLocalOwners = value;
            return this;
        }

        /**
         * Sets how many deferrable writes an activation records before writing them (0: none).
         *
         * @param value the bound
         * @return this builder
         */
        public Builder deferredWrites(int value) {
            deferredWrites = value;
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return the settings
         * @throws IllegalArgumentException when a value is out of range
         */
        public DurableSettings build() {
            return new DurableSettings(
                    nodeName,
                    concurrency,
                    claimBatch,
                    pollInterval,
                    leaseTimeout,
                    heartbeatInterval,
                    checkpointSteps,
                    checkpointInterval,
                    snapshotInterval,
                    commitBatchSize,
                    commitConcurrency,
                    shutdownTimeout,
                    limits,
                    maxChildDepth,
                    messagePollInterval,
                    reclaimDeadLocalOwners,
                    deferredWrites);
        }
    }
}
