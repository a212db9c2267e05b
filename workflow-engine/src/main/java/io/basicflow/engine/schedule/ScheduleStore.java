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
     * Registers a start made at run time ({@code SET SCHEDULE when, "script.bas"}); a registration
     * whose id is registered already is left as it is (a step repeated after a crash, or the same
     * recurring start registered again).
     *
     * @param registration the start
     * @return whether it was new
     * @throws UnsupportedOperationException when this store keeps no registered starts
     */
    default boolean register(ScheduleRegistration registration) {
        throw new UnsupportedOperationException("this schedule store keeps no registered starts");
    }

    /**
     * The starts registered at run time that have not ended: every recurring one, and the one-shot
     * ones not started yet (or that could not start), by script and id.
     *
     * @return the registered starts
     */
    default List<RegisteredSchedule> registered() {
        return List.of();
    }

    /**
     * Removes a registered start: it starts nothing more. An execution it started already is not
     * touched.
     *
     * @param id the registration's id
     * @return whether there was one
     */
    default boolean unregister(String id) {
        return false;
    }

    /**
     * Fires due registered starts, like {@link #fireDue}: locks up to {@code limit} of them whose next
     * start is at or before {@code now}, asks {@code fire} what became of each and stores it. A one-shot
     * start that started (no error) is deleted; one that could not keeps its row with the error.
     *
     * @param now the current time
     * @param limit how many at most
     * @param fire makes the due starts and says what to store
     * @return how many were fired
     */
    default int fireDueRegistered(Instant now, int limit, Function<RegisteredSchedule, Fired> fire) {
        return 0;
    }

    /**
     * Makes the given event handlers the deployed ones, in one transaction (a handler not given is
     * removed): what {@code ON "event" … END ON} blocks of a scripts folder declare.
     *
     * @param handlers every handler of the deployment
     * @throws UnsupportedOperationException when this store keeps no handlers
     */
    default void deployHandlers(List<EventHandler> handlers) {
        throw new UnsupportedOperationException("this schedule store keeps no event handlers");
    }

    /**
     * The deployed event handlers, by script and line.
     *
     * @return the handlers
     */
    default List<EventHandler> handlers() {
        return List.of();
    }

    /**
     * Makes the given table triggers the deployed ones, in one transaction (a trigger not given is
     * removed), and installs the database trigger on each of their tables that exists (removing it from
     * the tables that no longer have one): what {@code ON INSERT|UPDATE|DELETE OF "table"} blocks of a
     * scripts folder declare.
     *
     * @param handlers every table trigger of the deployment
     * @return the triggers whose table does not exist (yet): nothing starts them until a deployment
     *     finds it
     * @throws UnsupportedOperationException when this store keeps no table triggers
     */
    default List<RowHandler> deployRowHandlers(List<RowHandler> handlers) {
        throw new UnsupportedOperationException("this schedule store keeps no table triggers");
    }

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
