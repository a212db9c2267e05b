package io.basicflow.app.scripts;

/** The scripts folder (or a script in it) cannot be read: missing, not a folder, no permission. */
public final class ScriptFolderException extends ScriptLibraryException {

    private static final long serialVersionUID = 1L;

    /**
     * The failure.
     *
     * @param scriptName the script being read, empty when listing
     * @param message what failed and what to do next
     * @param cause the I/O failure, or null
     */
    public ScriptFolderException(String scriptName, String message, Throwable cause) {
        super(scriptName, message, cause);
    }
}
