package io.basicflow.engine.schedule;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * A registered start ({@link ScheduleRegistration}) as the store keeps it, with what became of it.
 *
 * @param registration what was registered; its {@code nextFireAt} is the next start not made yet
 * @param lastFiredAt the last tick started, if any
 * @param lastExecutionId the execution of that tick
 * @param lastError why the last start could not be made, if it could not
 * @param registeredAt when it was registered
 */
public record RegisteredSchedule(
        ScheduleRegistration registration,
        Optional<Instant> lastFiredAt,
        Optional<String> lastExecutionId,
        Optional<String> lastError,
        Instant registeredAt) {

    /**
     * Validates the parts.
     *
     * @param registration not null
     * @param lastFiredAt not null
     * @param lastExecutionId not null
     * @param lastError not null
     * @param registeredAt not null
     */
    public RegisteredSchedule {
        requireNonNull(registration, "registration is null");
        requireNonNull(lastFiredAt, "lastFiredAt is null");
        requireNonNull(lastExecutionId, "lastExecutionId is null");
        requireNonNull(lastError, "lastError is null");
        requireNonNull(registeredAt, "registeredAt is null");
    }
}
