package io.basicflow.engine.durable;

/**
 * Ends an activation early from inside its journal, after a commit: the node stops ({@link Stopped}:
 * the execution was released runnable in that commit) or someone asked to cancel the execution
 * ({@link CancelRequested}: the worker records the cancellation). It travels out of {@code
 * Interpreter.run} unchanged, as every journal exception does.
 */
abstract sealed class ActivationInterrupt extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ActivationInterrupt(String message) {
        super(message, null, false, false);
    }

    /** The node is stopping; the execution was given back at the last commit. */
    static final class Stopped extends ActivationInterrupt {
        private static final long serialVersionUID = 1L;

        Stopped(String executionId) {
            super("the node stops; execution " + executionId + " was given back");
        }
    }

    /** The execution is to be cancelled. */
    static final class CancelRequested extends ActivationInterrupt {
        private static final long serialVersionUID = 1L;
        private final String reason;

        CancelRequested(String reason) {
            super("cancellation requested: " + reason);
            this.reason = reason;
        }

        String reason() {
            return reason;
        }
    }

    /** The node was abandoned (a simulated crash): nothing more may be written. */
    static final class Abandoned extends ActivationInterrupt {
        private static final long serialVersionUID = 1L;

        Abandoned(String executionId) {
            super("the node was abandoned; execution " + executionId + " is left to its lease");
        }
    }
}
