package io.basicflow.tools;

/**
 * A tool script compiles but its {@code PARAM} lines do not form a usable signature: the same
 * parameter declared twice, or a list of choices that is empty. The message names the script line
 * and column.
 */
public final class ToolSignatureException extends ToolException {

    private static final long serialVersionUID = 1L;

    /**
     * An unusable signature.
     *
     * @param tool the tool name
     * @param message what is wrong and where
     */
    public ToolSignatureException(String tool, String message) {
        super(tool, message, null);
    }
}
