package io.basicflow.spi;

import io.basicflow.spi.value.Value;
import java.time.Clock;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The implementation of a {@link FunctionDefinition}. It must not touch the world: no I/O, no shared
 * state. It may read the clock and the random generator it is given; a durable run records the
 * result of the assignment that used it, so it is never recomputed after a crash.
 */
@FunctionalInterface
public interface PureFunction {

    /**
     * Computes the function.
     *
     * @param arguments the evaluated arguments, within the declared arity
     * @param environment the clock and random generator to use
     * @return the result
     * @throws IllegalArgumentException when an argument is unsuitable; the message says which and why
     */
    Value apply(List<Value> arguments, Environment environment);

    /** What a pure function may read besides its arguments. */
    interface Environment {
        /**
         * The engine's clock.
         *
         * @return the clock
         */
        Clock clock();

        /**
         * The engine's random generator.
         *
         * @return the generator
         */
        RandomGenerator random();
    }
}
