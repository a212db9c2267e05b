package io.basicflow.app.assembly;

import io.basicflow.engine.durable.EngineMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's metrics in Micrometer: steps, commits and their latency, commit queue depth, claims,
 * activations by outcome, lease losses.
 */
public final class MicrometerEngineMetrics implements EngineMetrics {

    private final MeterRegistry registry;
    private final Counter steps;
    private final Timer commits;
    private final DistributionSummary commitSize;
    private final Counter events;
    private final Counter commitFailures;
    private final Counter claims;
    private final Counter leaseLosses;
    private final Counter leasesFreed;
    private final AtomicInteger queueDepth = new AtomicInteger();
    private final AtomicInteger activeActivations = new AtomicInteger();

    /**
     * Registers the meters.
     *
     * @param registry where the meters live
     */
    public MicrometerEngineMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.steps = Counter.builder("basicflow.steps")
                .description("steps completed by this node's workers")
                .register(registry);
        this.commits = Timer.builder("basicflow.commit.latency")
                .description("group commits and how long each took")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        this.commitSize = DistributionSummary.builder("basicflow.commit.executions")
                .description("executions written per group commit")
                .register(registry);
        this.events = Counter.builder("basicflow.events")
                .description("events committed by this node")
                .register(registry);
        this.commitFailures = Counter.builder("basicflow.commit.failures")
                .description("group commits that failed and were retried")
                .register(registry);
        this.claims = Counter.builder("basicflow.claims")
                .description("executions claimed by this node's workers")
                .register(registry);
        this.leaseLosses = Counter.builder("basicflow.lease.lost")
                .description("activations stopped because their lease was taken over")
                .register(registry);
        this.leasesFreed = Counter.builder("basicflow.lease.freed")
                .description("expired leases of dead nodes freed by this node")
                .register(registry);
        registry.gauge("basicflow.commit.queue.depth", queueDepth);
        registry.gauge("basicflow.activations.active", activeActivations);
    }

    @Override
    public void activationStarted(String executionId, String owner) {
        activeActivations.incrementAndGet();
    }

    @Override
    public void activationEnded(String executionId, String owner, String outcome) {
        activeActivations.decrementAndGet();
        registry.counter("basicflow.activations", "outcome", outcome).increment();
    }

    @Override
    public void stepsCompleted(long count) {
        steps.increment(count);
    }

    @Override
    public void committed(int executions, int eventCount, long nanos) {
        commits.record(Duration.ofNanos(nanos));
        commitSize.record(executions);
        events.increment(eventCount);
    }

    @Override
    public void commitFailed(int executions) {
        commitFailures.increment();
    }

    @Override
    public void commitQueueDepth(int depth) {
        queueDepth.set(depth);
    }

    @Override
    public void claimed(int executions) {
        claims.increment(executions);
    }

    @Override
    public void leaseLost(String executionId) {
        leaseLosses.increment();
    }

    @Override
    public void leasesFreed(int executions) {
        leasesFreed.increment(executions);
    }
}
