package io.basicflow.durable.proof;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.engine.api.WorkflowEngine;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The users of the test executions, as a chat front end would be: on its own thread, it answers an
 * execution each time it waits for input, with the case's next input. It survives database faults
 * like a careful client: a delivery that failed is checked in the inbox before it is sent again, so
 * that no input is lost or doubled (the API has no delivery key for a retry to reuse).
 */
final class InputFeeder implements AutoCloseable {

    private final WorkflowEngine engine;
    private final DbProbe probe;
    private final Map<String, Deque<String>> pending = new ConcurrentHashMap<>();
    private final AtomicLong failures = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed;

    InputFeeder(WorkflowEngine engine, DbProbe probe) {
        this.engine = requireNonNull(engine, "engine is null");
        this.probe = requireNonNull(probe, "probe is null");
        this.thread = Thread.ofPlatform().name("test-input-feeder").daemon(true).unstarted(this::run);
    }

    /**
     * Answers an execution when it asks, from now on.
     *
     * @param executionId the execution
     * @param inputs its inputs, in order
     */
    void answerWhenAsked(String executionId, List<String> inputs) {
        pending.put(executionId, new ArrayDeque<>(inputs));
    }

    /**
     * Delivers inputs now, before the execution asks (they wait in its inbox).
     *
     * @param executionId the execution
     * @param inputs the inputs, in order
     */
    void deliverNow(String executionId, List<String> inputs) {
        for (String input : inputs) {
            deliver(executionId, input);
        }
    }

    InputFeeder start() {
        thread.start();
        return this;
    }

    /**
     * How many deliveries failed and were checked before being sent again.
     *
     * @return the count
     */
    long failures() {
        return failures.get();
    }

    /**
     * Inputs not yet delivered.
     *
     * @return by execution
     */
    Map<String, List<String>> undelivered() {
        Map<String, List<String>> left = new TreeMap<>();
        pending.forEach((id, inputs) -> {
            if (!inputs.isEmpty()) {
                left.put(id, List.copyOf(inputs));
            }
        });
        return left;
    }

    private void run() {
        while (!closed) {
            for (Map.Entry<String, Deque<String>> entry : pending.entrySet()) {
                Deque<String> inputs = entry.getValue();
                if (inputs.isEmpty() || closed) {
                    continue;
                }
                Optional<ExecutionView> view;
                try {
                    view = engine.find(entry.getKey());
                } catch (RuntimeException e) {
                    continue; // the database is away: ask again on the next round
                }
                if (view.isPresent() && view.get().status() == ExecutionStatus.WAITING_INPUT) {
                    deliver(entry.getKey(), inputs.pollFirst());
                }
            }
            pause(Duration.ofMillis(10));
        }
    }

    /** Delivers once: after a failure, an input already in the inbox is not sent again. */
    private void deliver(String executionId, String input) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        boolean failed = false;
        while (System.nanoTime() < deadline) {
            try {
                if (failed && probe.inboxHas(executionId, input)) {
                    break;
                }
                engine.deliverInput(executionId, input);
                break;
            } catch (RuntimeException | SQLException e) {
                if (!failed) {
                    failures.incrementAndGet();
                }
                failed = true;
                pause(Duration.ofMillis(50));
            }
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
