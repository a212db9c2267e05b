package io.basicflow.engine.schedule;

/**
 * A run-time {@code SET SCHEDULE when, "script.bas"} that cannot be registered because of the script
 * (no such script, it does not compile, too many arguments, a {@code when} that is neither a date-time
 * nor a schedule, a direct run): the step fails with this message, recorded in the execution's error.
 */
public final class ScheduleRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * A refusal.
     *
     * @param message what is wrong and what to do
     */
    public ScheduleRefusedException(String message) {
        super(message);
    }
}
