package io.basicflow.engine.durable;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.store.ClaimedExecution;
import io.basicflow.engine.store.NewExecution;
import java.util.Optional;

/**
 * The workers of the process the engine's API runs in, as the API sees them: it wakes them when it
 * made work for them, and it hands them the executions it starts, when they have room, so that a
 * start runs at once instead of waiting for a claim.
 *
 * <p>A hand-over goes: {@link #reserve()} a place; create the execution leased to the returned lease
 * (in the same statement as the row, so the execution is never claimable in between); then either
 * {@link #runLeased} it, or {@link #cancel()} the reservation when it was not created (the id existed, the
 * database failed).
 */
public interface LocalWorkers {

    /** Asks the workers to look for work now. */
    void wakeUp();

    /**
     * Reserves a place for an execution this process starts.
     *
     * @return the lease to create it with, or empty when the workers have no room (or do not run)
     */
    Optional<NewExecution.Lease> reserve();

    /**
     * Runs an execution created with a reserved lease.
     *
     * @param execution its state as created, with the version the row was created with
     */
    void runLeased(ClaimedExecution execution);

    /** Gives back a reservation that was not used. */
    void cancel();

    /**
     * Workers that only get woken: the engine of a process without workers (no-op), or one that
     * leaves every start to a claim.
     *
     * @param wakeUp wakes them
     * @return the workers
     */
    static LocalWorkers wakingOnly(Runnable wakeUp) {
        requireNonNull(wakeUp, "wakeUp is null");
        return new LocalWorkers() {
            @Override
            public void wakeUp() {
                wakeUp.run();
            }

            @Override
            public Optional<NewExecution.Lease> reserve() {
                return Optional.empty();
            }

            @Override
            public void runLeased(ClaimedExecution execution) {
                throw new IllegalStateException("these workers take no reservations");
            }

            @Override
            public void cancel() {
                throw new IllegalStateException("these workers take no reservations");
            }
        };
    }
}
