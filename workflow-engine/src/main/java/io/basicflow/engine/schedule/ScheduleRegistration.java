package io.basicflow.engine.schedule;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * A start of a script registered at run time by {@code SET SCHEDULE when, "script.bas"}: what {@link
 * ScheduleStore#register} keeps until it is removed ({@code basicflow schedules --remove}, {@code DELETE
 * /schedules/registered/{id}}) or, for a one-shot start, until it has started. A deployment never
 * removes it.
 *
 * @param id the registration's id: for a one-shot start, the id of the execution it starts ({@code
 *     at:…}, from the registering step's idempotency key); for a recurring one, {@code every:…}, a hash
 *     of the script, the schedule and the arguments, so registering the same again adds nothing
 * @param script the started script's name
 * @param source its text when registered: what each start runs
 * @param variablesJson the started execution's variables (its {@code PARAM}s), a JSON object
 * @param expression the schedule as written, for a recurring start; empty for a one-shot one
 * @param cron the cron expression it means; empty for a one-shot start
 * @param nextFireAt for a one-shot start, its time; for a recurring one, ticks at or after this time
 *     (to the second) are due
 * @param registeredBy the execution that registered it
 */
public record ScheduleRegistration(
        String id,
        String script,
        String source,
        String variablesJson,
        Optional<String> expression,
        Optional<String> cron,
        Instant nextFireAt,
        String registeredBy) {

    /**
     * Validates the parts.
     *
     * @param id not null
     * @param script not null
     * @param source not null
     * @param variablesJson not null
     * @param expression not null, present exactly when {@code cron} is
     * @param cron not null
     * @param nextFireAt not null
     * @param registeredBy not null
     */
    public ScheduleRegistration {
        requireNonNull(id, "id is null");
        requireNonNull(script, "script is null");
        requireNonNull(source, "source is null");
        requireNonNull(variablesJson, "variablesJson is null");
        requireNonNull(expression, "expression is null");
        requireNonNull(cron, "cron is null");
        requireNonNull(nextFireAt, "nextFireAt is null");
        requireNonNull(registeredBy, "registeredBy is null");
        if (expression.isPresent() != cron.isPresent()) {
            throw new IllegalArgumentException("a recurring registration has both its expression and its cron");
        }
    }

    /**
     * Whether it starts its script once (at a date-time) rather than on a schedule.
     *
     * @return true for a one-shot start
     */
    public boolean once() {
        return cron.isEmpty();
    }
}
