package io.basicflow.engine.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Where the deployed schedules live: a table shared by every node of one database. */
public interface ScheduleStore {

    /**
     * Makes the given schedules the deployed ones, in one transaction: a schedule not given is
     * removed; a new one starts at its {@link DeployedSchedule#firstFireAt}; one deployed before keeps
     * its next tick and its history, with its source and line updated.
     *
     * @param schedules every schedule of the deployment
     */
    void deploy(List<DeployedSchedule> schedules);

    /**
     * The deployed schedules, by script and expression.
     *
     * @return the schedules
     */
    List<Schedule> list();

    /**
     * Fires due schedules: in one transaction, locks up to {@code limit} schedules whose next tick is
     * at or before {@code now} (skipping those another node has locked), asks {@code fire} what
     * became of each, and stores it. When {@code fire} throws, nothing is stored.
     *
     * @param now the current time
     * @param limit how many schedules at most
     * @param fire starts a schedule's due ticks and says what to store
     * @return how many schedules were fired
     */
    int fireDue(Instant now, int limit, Function<Schedule, Fired> fire);

    /**
     * What became of a due schedule.
     *
     * @param nextFireAt its next tick not started
     * @param lastFiredAt the last tick started, if one was
     * @param lastExecutionId that tick's execution
     * @param lastError why its ticks could not start, if they could not
     */
    record Fired(
            Instant nextFireAt,
            Optional<Instant> lastFiredAt,
            Optional<String> lastExecutionId,
            Optional<String> lastError) {}
}
