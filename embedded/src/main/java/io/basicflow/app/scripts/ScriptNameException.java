package io.basicflow.app.scripts;

/**
 * A script name that is refused: empty, absolute, with a {@code ..}, {@code .} or hidden segment,
 * a backslash or a control character. Nothing was read.
 */
public final class ScriptNameException extends ScriptLibraryException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    /**
     * The failure.
     *
     * @param scriptName the name as given
     * @param reason why it is refused, e.g. {@code "has a '..' segment"}
     */
    public ScriptNameException(String scriptName, String reason) {
        super(scriptName, "script name '" + Names.shown(scriptName) + "' is refused: it " + reason, null);
        this.reason = reason;
    }

    /**
     * Why the name is refused.
     *
     * @return a sentence fragment, e.g. {@code "has a '..' segment; scripts resolve only inside the
     *     scripts folder"}
     */
    public String reason() {
        return reason;
    }
}
