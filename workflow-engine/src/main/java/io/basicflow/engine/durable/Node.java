package io.basicflow.engine.durable;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.interpreter.Interpreter;
import io.basicflow.engine.store.EventStore;
import java.time.Clock;

/** What every activation of one worker pool shares. */
final class Node {

    final String owner;
    final EventStore store;
    final Interpreter interpreter;
    final CompiledScripts scripts;
    final ChildScripts children;
    final DurableSettings settings;
    final Clock clock;
    final EngineMetrics metrics;
    final GroupCommitter committer;
    final long checkpointNanos;

    /**
     * Per execution, the sequence number of the step whose deferred write the database refused: this
     * node's activations write every step up to it with its own commit ({@link DurableJournal#defer}).
     */
    final java.util.concurrent.ConcurrentHashMap<String, Long> deferralOff =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Set by a graceful close: activations give their executions back at their next checkpoint. */
    volatile boolean stopping;

    /** Set by {@link WorkerPool#abandon()}: nothing more is written, as if the process had died. */
    volatile boolean abandoned;

    Node(
            String owner,
            EventStore store,
            Interpreter interpreter,
            CompiledScripts scripts,
            ChildScripts children,
            DurableSettings settings,
            Clock clock,
            EngineMetrics metrics,
            MessageSignals signals) {
        this.owner = requireNonNull(owner, "owner is null");
        this.store = requireNonNull(store, "store is null");
        this.interpreter = requireNonNull(interpreter, "interpreter is null");
        this.scripts = requireNonNull(scripts, "scripts is null");
        this.children = requireNonNull(children, "children is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.checkpointNanos = settings.checkpointInterval().toNanos();
        this.committer = new GroupCommitter(
                store,
                clock,
                owner,
                settings.commitBatchSize(),
                settings.commitConcurrency(),
                metrics,
                signals::committed);
    }
}
