package io.basicflow.engine.interpreter;

import java.time.Duration;

/** Waits in the current thread: {@code WAIT} and retry backoffs in direct mode. Tests pass a fake. */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps with {@link Thread#sleep(Duration)}. */
    Sleeper SYSTEM = duration -> {
        if (duration.isPositive()) {
            Thread.sleep(duration);
        }
    };

    /**
     * Waits.
     *
     * @param duration how long, zero or more
     * @throws InterruptedException when the thread is interrupted; the wait is then over early
     */
    void sleep(Duration duration) throws InterruptedException;
}
