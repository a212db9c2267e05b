package io.basicflow.engine.schedule;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A schedule that a deployment declares: what {@link ScheduleStore#deploy} registers.
 *
 * @param script the script's name
 * @param expression the schedule as written
 * @param cron the cron expression it means
 * @param line the line of the declaration
 * @param source the script's text
 * @param firstFireAt its first tick, used only when the schedule is new
 */
public record DeployedSchedule(
        String script, String expression, String cron, int line, String source, Instant firstFireAt) {

    /**
     * Validates the parts.
     *
     * @param script not null
     * @param expression not null
     * @param cron not null
     * @param line the line
     * @param source not null
     * @param firstFireAt not null
     */
    public DeployedSchedule {
        requireNonNull(script, "script is null");
        requireNonNull(expression, "expression is null");
        requireNonNull(cron, "cron is null");
        requireNonNull(source, "source is null");
        requireNonNull(firstFireAt, "firstFireAt is null");
    }
}
