package io.basicflow.tools;

/**
 * A tool name was refused because it could reach outside the tools folder: a {@code ..} segment, an
 * absolute path, a backslash, a NUL or control character, or a link whose target lies outside.
 * Nothing was read.
 */
public final class ToolResolutionException extends ToolException {

    private static final long serialVersionUID = 1L;

    /**
     * A refused tool name.
     *
     * @param tool the name as given
     * @param message why it was refused, naming the tools folder
     */
    public ToolResolutionException(String tool, String message) {
        super(tool, message, null);
    }
}
