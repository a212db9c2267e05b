package io.basicflow.engine.durable;

import io.basicflow.engine.store.ExecutionCommit;
import io.basicflow.engine.store.Transition;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes long-polling readers of an execution's messages when a commit in this process wrote messages
 * for it or ended it. Readers in other processes than the writer re-read on a timer instead.
 */
public final class MessageSignals {

    private final ConcurrentHashMap<String, Signal> signals = new ConcurrentHashMap<>();

    /** Creates the signals. */
    public MessageSignals() {}

    /**
     * Says that commits were written.
     *
     * @param commits the written commits
     */
    void committed(List<ExecutionCommit> commits) {
        if (signals.isEmpty()) {
            return;
        }
        for (ExecutionCommit commit : commits) {
            if (!commit.messages().isEmpty() || commit.transition() instanceof Transition.End) {
                // A child's messages belong to its ancestors' conversations too (ids <parent>~<seq>).
                String id = commit.executionId();
                signal(id);
                for (int tilde = id.lastIndexOf('~'); tilde > 0; tilde = id.lastIndexOf('~', tilde - 1)) {
                    signal(id.substring(0, tilde));
                }
            }
        }
    }

    /**
     * Wakes the readers of one execution.
     *
     * @param executionId the execution
     */
    void signal(String executionId) {
        Signal signal = signals.get(executionId);
        if (signal != null) {
            signal.fire();
        }
    }

    /**
     * Registers a reader; call before reading, so that no signal is missed between the read and the
     * wait.
     *
     * @param executionId the execution
     * @return the registration, to wait on and to close
     */
    Registration register(String executionId) {
        Signal signal = signals.compute(executionId, (id, existing) -> {
            Signal current = existing == null ? new Signal() : existing;
            current.readers++;
            return current;
        });
        return new Registration(executionId, signal, signal.generation());
    }

    /** One reader's registration. */
    final class Registration implements AutoCloseable {
        private final String executionId;
        private final Signal signal;
        private long seen;

        private Registration(String executionId, Signal signal, long seen) {
            this.executionId = executionId;
            this.signal = signal;
            this.seen = seen;
        }

        /**
         * Waits until a signal came since the last wait (or the registration) or the time is over.
         *
         * @param nanos the most to wait
         * @throws InterruptedException when interrupted
         */
        void await(long nanos) throws InterruptedException {
            seen = signal.await(seen, nanos);
        }

        @Override
        public void close() {
            signals.computeIfPresent(executionId, (id, current) -> --current.readers == 0 ? null : current);
        }
    }

    private static final class Signal {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private long generation;
        int readers;

        long generation() {
            lock.lock();
            try {
                return generation;
            } finally {
                lock.unlock();
            }
        }

        void fire() {
            lock.lock();
            try {
                generation++;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        long await(long seen, long nanos) throws InterruptedException {
            lock.lock();
            try {
                long left = nanos;
                while (generation == seen && left > 0) {
                    left = changed.awaitNanos(left);
                }
                return generation;
            } finally {
                lock.unlock();
            }
        }
    }
}
