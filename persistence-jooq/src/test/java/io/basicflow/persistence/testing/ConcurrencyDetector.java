package io.basicflow.persistence.testing;

import io.basicflow.engine.durable.EngineMetrics;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Metrics that notice when one execution runs in two activations at once (in two pools of this JVM),
 * and count activations per owner, steps and lease losses.
 */
public final class ConcurrencyDetector implements EngineMetrics {

    private final ConcurrentHashMap<String, String> running = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicLong> activationsByOwner = new ConcurrentHashMap<>();
    private final List<String> overlaps = new CopyOnWriteArrayList<>();
    private final AtomicLong steps = new AtomicLong();
    private final AtomicLong leaseLosses = new AtomicLong();

    /** Creates a detector. */
    public ConcurrencyDetector() {}

    @Override
    public void activationStarted(String executionId, String owner) {
        String other = running.putIfAbsent(executionId, owner);
        if (other != null) {
            overlaps.add(executionId + " runs in " + owner + " while " + other + " runs it");
        }
        activationsByOwner.computeIfAbsent(owner, key -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public void leaseReleasing(String executionId, String owner) {
        // The final commit gives the lease back: another worker may claim from here on, while this
        // activation's thread is still winding down.
        running.remove(executionId, owner);
    }

    @Override
    public void activationEnded(String executionId, String owner, String outcome) {
        running.remove(executionId, owner);
    }

    @Override
    public void stepsCompleted(long count) {
        steps.addAndGet(count);
    }

    @Override
    public void leaseLost(String executionId) {
        leaseLosses.incrementAndGet();
    }

    /**
     * Every time an execution started while another activation of it ran.
     *
     * @return one line per overlap
     */
    public List<String> overlaps() {
        return List.copyOf(overlaps);
    }

    /**
     * Activations started by an owner.
     *
     * @param owner the owner id
     * @return the count
     */
    public long activations(String owner) {
        AtomicLong count = activationsByOwner.get(owner);
        return count == null ? 0 : count.get();
    }

    /**
     * Steps completed in all activations.
     *
     * @return the count
     */
    public long steps() {
        return steps.get();
    }

    /**
     * Commits refused because a lease was lost.
     *
     * @return the count
     */
    public long leaseLosses() {
        return leaseLosses.get();
    }
}
