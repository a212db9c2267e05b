package io.basicflow.app.scripts;

/** A script file larger than the library reads. */
public final class ScriptTooLargeException extends ScriptLibraryException {

    private static final long serialVersionUID = 1L;

    private final long size;
    private final long limit;

    /**
     * The failure.
     *
     * @param scriptName the script's name
     * @param size its size in bytes
     * @param limit the largest size read, in bytes
     */
    public ScriptTooLargeException(String scriptName, long size, long limit) {
        super(
                scriptName,
                "script '" + scriptName + "' has " + size + " bytes; a script may have at most " + limit + " bytes",
                null);
        this.size = size;
        this.limit = limit;
    }

    /**
     * The script's size.
     *
     * @return bytes
     */
    public long size() {
        return size;
    }

    /**
     * The largest size read.
     *
     * @return bytes
     */
    public long limit() {
        return limit;
    }
}
