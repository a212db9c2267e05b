package io.basicflow.compiler.evaluation;

/**
 * The names under which the error state of {@code ON ERROR RESUME NEXT} is kept among a run's
 * variables. They start with {@code $}, which no identifier of a script can, so a script reads them
 * only through {@code ERROR}, {@code ERROR MESSAGE} and {@code ERR}, and never overwrites them.
 */
public final class ErrorVariables {

    /** {@code TRUE} while {@code ON ERROR RESUME NEXT} is in force, else unset. */
    public static final String RESUME_NEXT = "$on_error_resume_next";

    /** {@code TRUE} after a trapped error until {@code CLEAR ERROR}; read by {@code ERROR}. */
    public static final String ERROR = "$error";

    /** The last trapped error's message; read by {@code ERROR MESSAGE}. */
    public static final String MESSAGE = "$error_message";

    /** The last trapped error's number; read by {@code ERR}. */
    public static final String NUMBER = "$error_number";

    private ErrorVariables() {}
}
