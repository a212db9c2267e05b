package io.basicflow.compiler.evaluation;

import static java.util.Objects.requireNonNull;

import io.basicflow.spi.PureFunction;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/** Ready-made {@link PureFunction.Environment}s. */
public final class Environments {

    private Environments() {}

    /**
     * The system clock in the default zone and a per-thread random generator: safe to share between
     * threads.
     *
     * @return the environment
     */
    public static PureFunction.Environment system() {
        return of(Clock.systemDefaultZone());
    }

    /**
     * A given clock (which also sets the zone dates are read in) and a per-thread random generator.
     *
     * @param clock the clock
     * @return the environment
     */
    public static PureFunction.Environment of(Clock clock) {
        requireNonNull(clock, "clock is null");
        return new PureFunction.Environment() {
            @Override
            public Clock clock() {
                return clock;
            }

            @Override
            public RandomGenerator random() {
                return ThreadLocalRandom.current();
            }
        };
    }

    /**
     * A given clock and random generator, e.g. a fixed clock and a seeded generator for repeatable
     * tests. The generator is used as it is: share it between threads only if it is thread-safe.
     *
     * @param clock the clock
     * @param random the random generator
     * @return the environment
     */
    public static PureFunction.Environment of(Clock clock, RandomGenerator random) {
        requireNonNull(clock, "clock is null");
        requireNonNull(random, "random is null");
        return new PureFunction.Environment() {
            @Override
            public Clock clock() {
                return clock;
            }

            @Override
            public RandomGenerator random() {
                return random;
            }
        };
    }
}
