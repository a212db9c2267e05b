package io.basicflow.persistence.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock for durable tests, safe across threads: either frozen at an instant and moved only by the
 * test ({@link #frozenAt}), or the system clock shifted forward by the test ({@link #shifted}), so
 * that a {@code WAIT 3600} is over at once without waiting.
 */
public final class TestClock extends Clock {

    private final boolean frozen;
    private final AtomicReference<Instant> frozenNow;
    private final AtomicReference<Duration> shift = new AtomicReference<>(Duration.ZERO);

    private TestClock(boolean frozen, Instant start) {
        this.frozen = frozen;
        this.frozenNow = new AtomicReference<>(start);
    }

    /**
     * A clock that stands still until moved.
     *
     * @param start its time
     * @return the clock
     */
    public static TestClock frozenAt(Instant start) {
        return new TestClock(true, start);
    }

    /**
     * The system clock, moved forward by {@link #advance}.
     *
     * @return the clock
     */
    public static TestClock shifted() {
        return new TestClock(false, Instant.EPOCH);
    }

    /**
     * Moves the clock forward.
     *
     * @param duration how far
     */
    public void advance(Duration duration) {
        if (frozen) {
            frozenNow.updateAndGet(now -> now.plus(duration));
        } else {
            shift.updateAndGet(current -> current.plus(duration));
        }
    }

    @Override
    public Instant instant() {
        return frozen ? frozenNow.get() : Instant.now().plus(shift.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a test clock is in UTC");
    }
}
