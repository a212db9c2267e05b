package io.basicflow.engine.durable;

/**
 * An execution's pinned script cannot be run: it is not stored, or it no longer compiles with the
 * installed plugins (a plugin was removed). The execution fails with this message.
 */
public final class PinnedScriptException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * The failure.
     *
     * @param message what is wrong
     */
    public PinnedScriptException(String message) {
        super(message);
    }
}
