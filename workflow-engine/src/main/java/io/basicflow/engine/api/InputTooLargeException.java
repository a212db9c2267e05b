package io.basicflow.engine.api;

/** An input longer than the configured limit; nothing was stored. */
public final class InputTooLargeException extends EngineException {

    private static final long serialVersionUID = 1L;

    private final int limit;

    /**
     * The failure.
     *
     * @param length the input's length in characters
     * @param limit the limit in characters
     */
    public InputTooLargeException(int length, int limit) {
        super("input of " + length + " characters exceeds the limit of " + limit + " characters");
        this.limit = limit;
    }

    /**
     * The limit.
     *
     * @return characters allowed
     */
    public int limit() {
        return limit;
    }
}
