package io.basicflow.app.config;

/** A setting is missing, malformed, or its file cannot be read. The message names the key and its source. */
public final class ConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * The failure.
     *
     * @param message what is wrong and where it was set
     */
    public ConfigurationException(String message) {
        super(message);
    }
}
