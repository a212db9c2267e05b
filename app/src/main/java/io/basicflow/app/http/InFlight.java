package io.basicflow.app.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The threads blocked in long-polls and event streams, so that closing the server wakes them at
 * once instead of after their wait. Counts feed the gauges of {@link HttpMetrics}.
 */
final class InFlight {

    private final Set<Thread> longPolls = ConcurrentHashMap.newKeySet();
    private final Set<Thread> streams = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    /** Runs a long-poll wait, registered for interruption. */
    <T> T longPoll(java.util.function.Supplier<T> wait) {
        Thread self = Thread.currentThread();
        longPolls.add(self);
        try {
            return wait.get();
        } finally {
            longPolls.remove(self);
        }
    }

    void streamStarted() {
        streams.add(Thread.currentThread());
    }

    void streamEnded() {
        streams.remove(Thread.currentThread());
    }

    boolean closing() {
        return closing;
    }

    int longPollCount() {
        return longPolls.size();
    }

    int streamCount() {
        return streams.size();
    }

    /** Marks the server as closing and wakes every waiting request, which then ends its answer. */
    void close() {
        closing = true;
        longPolls.forEach(Thread::interrupt);
        streams.forEach(Thread::interrupt);
    }
}
