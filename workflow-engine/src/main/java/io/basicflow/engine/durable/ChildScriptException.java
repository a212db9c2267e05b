package io.basicflow.engine.durable;

/** A child's script cannot be found or prepared; the parent's {@code CALL} or {@code USE TOOL} fails. */
public final class ChildScriptException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * The failure.
     *
     * @param message what is wrong, e.g. {@code there is no script x.bas beside main.bas}
     */
    public ChildScriptException(String message) {
        super(message);
    }
}
