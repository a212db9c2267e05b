package io.basicflow.engine.schedule;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * A deployed schedule as the store keeps it: one {@code SET SCHEDULE} line of one script.
 *
 * @param script the script's name (e.g. {@code reports/daily.bas})
 * @param expression the schedule as written ({@code "every day at 9am"})
 * @param cron the cron expression it means
 * @param line the line of the declaration
 * @param source the script's text as deployed: what each tick starts
 * @param nextFireAt the next tick not started yet
 * @param lastFiredAt the last tick started, if any
 * @param lastExecutionId the execution of that tick
 * @param lastError why the last tick could not start (the script does not compile), if it could not
 */
public record Schedule(
        String script,
        String expression,
        String cron,
        int line,
        String source,
        Instant nextFireAt,
        Optional<Instant> lastFiredAt,
        Optional<String> lastExecutionId,
        Optional<String> lastError) {

    /**
     * Validates the parts.
     *
     * @param script not null
     * @param expression not null
     * @param cron not null
     * @param line the line
     * @param source not null
     * @param nextFireAt not null
     * @param lastFiredAt not null
     * @param lastExecutionId not null
     * @param lastError not null
     */
    public Schedule {
        requireNonNull(script, "script is null");
        requireNonNull(expression, "expression is null");
        requireNonNull(cron, "cron is null");
        requireNonNull(source, "source is null");
        requireNonNull(nextFireAt, "nextFireAt is null");
        requireNonNull(lastFiredAt, "lastFiredAt is null");
        requireNonNull(lastExecutionId, "lastExecutionId is null");
        requireNonNull(lastError, "lastError is null");
    }
}
