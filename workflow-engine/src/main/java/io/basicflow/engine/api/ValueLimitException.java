package io.basicflow.engine.api;

import static java.util.Objects.requireNonNull;

/**
 * A value from outside (a start variable, an input, a plugin's result) breaks a limit that a value
 * computed in a script must keep too: too many digits, too long a text, nested too deep, too large.
 * It was refused before anything was stored or created.
 */
public final class ValueLimitException extends EngineException {

    private static final long serialVersionUID = 1L;

    private final String pointer;

    /**
     * The failure.
     *
     * @param pointer where the value is, as a JSON pointer into what the caller sent (e.g. {@code
     *     /variables/a/0}); empty for the whole thing
     * @param message what is wrong, naming the limit
     */
    public ValueLimitException(String pointer, String message) {
        super(message);
        this.pointer = requireNonNull(pointer, "pointer is null");
    }

    /**
     * Where the offending value is.
     *
     * @return a JSON pointer
     */
    public String pointer() {
        return pointer;
    }
}
