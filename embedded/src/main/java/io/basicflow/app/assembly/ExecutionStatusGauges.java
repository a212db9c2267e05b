package io.basicflow.app.assembly;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.store.EventStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;

/**
 * The gauge {@code basicflow.executions{status=…}}: how many executions the database holds in each
 * status, across all nodes. One small query per scrape at most every few seconds.
 */
public final class ExecutionStatusGauges {

    private static final Duration FRESH_FOR = Duration.ofSeconds(5);

    private final EventStore store;
    private volatile Map<ExecutionStatus, Long> counts = Map.of();
    private volatile long readAt = Long.MIN_VALUE;
    private volatile boolean warned;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ExecutionStatusGauges.class);

    private ExecutionStatusGauges(EventStore store) {
        this.store = store;
    }

    /**
     * Registers one gauge per status.
     *
     * @param store where the executions are
     * @param registry where the gauges go
     * @return removes the gauges again (a restarted node registers its own, on its own store)
     */
    public static AutoCloseable register(EventStore store, MeterRegistry registry) {
        ExecutionStatusGauges gauges = new ExecutionStatusGauges(store);
        java.util.List<Gauge> registered = new java.util.ArrayList<>();
        for (ExecutionStatus status : ExecutionStatus.values()) {
            registered.add(Gauge.builder("basicflow.executions", gauges, g -> g.count(status))
                    .description("executions in the database by status")
                    .tag("status", status.name())
                    .strongReference(true) // nothing else holds the gauges object
                    .register(registry));
        }
        return () -> registered.forEach(registry::remove);
    }

    private double count(ExecutionStatus status) {
        long now = System.nanoTime();
        if (readAt == Long.MIN_VALUE || now - readAt > FRESH_FOR.toNanos()) {
            try {
                counts = store.countByStatus();
            } catch (RuntimeException e) {
                if (!warned) {
                    warned = true;
                    log.warn("cannot count executions by status for the metrics: {}", e.toString());
                }
                return Double.NaN; // the database is away: the gauge says "unknown", not zero
            }
            warned = false;
            readAt = now;
        }
        return counts.getOrDefault(status, 0L);
    }
}
