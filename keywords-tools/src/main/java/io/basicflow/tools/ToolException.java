package io.basicflow.tools;

import static java.util.Objects.requireNonNull;

/**
 * Something about a tool went wrong. One subclass per failure mode, so that a caller (the engine,
 * the HTTP API) can switch over them exhaustively and map each to its answer; every message says
 * which tool, what went wrong and what to do next.
 */
public abstract sealed class ToolException extends RuntimeException
        permits ToolResolutionException,
                ToolNotFoundException,
                ToolFolderException,
                ToolCompilationException,
                ToolSignatureException,
                ToolArgumentException {

    private static final long serialVersionUID = 1L;

    private final String tool;

    /**
     * A failure about one tool.
     *
     * @param tool the tool name as the caller gave it
     * @param message the full message
     * @param cause the underlying exception, may be null
     */
    ToolException(String tool, String message, Throwable cause) {
        super(message, cause);
        this.tool = requireNonNull(tool, "tool is null");
    }

    /**
     * The tool the failure is about.
     *
     * @return the tool name as the caller gave it (empty when the failure concerns the whole
     *     folder)
     */
    public String tool() {
        return tool;
    }
}
