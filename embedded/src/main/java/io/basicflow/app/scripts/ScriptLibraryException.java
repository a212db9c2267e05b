package io.basicflow.app.scripts;

/** The base of the failures a {@link ScriptLibrary} reports. */
public abstract class ScriptLibraryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String scriptName;

    /**
     * A failure.
     *
     * @param scriptName the name as the caller gave it
     * @param message what went wrong and what to do next
     * @param cause the underlying failure, or null
     */
    protected ScriptLibraryException(String scriptName, String message, Throwable cause) {
        super(message, cause);
        this.scriptName = scriptName == null ? "" : scriptName;
    }

    /**
     * The script name as the caller gave it.
     *
     * @return the name, empty when none was given
     */
    public String scriptName() {
        return scriptName;
    }
}
