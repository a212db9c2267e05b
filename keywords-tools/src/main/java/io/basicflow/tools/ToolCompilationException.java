package io.basicflow.tools;

import static java.util.Objects.requireNonNull;

/**
 * A tool script does not compile. Thrown by a {@link ToolCompiler}; the diagnostics text is the
 * compiler's (file, line, column, the line with a caret, what was expected).
 */
public final class ToolCompilationException extends ToolException {

    private static final long serialVersionUID = 1L;

    private final String script;
    private final String diagnostics;

    /**
     * A script with compile errors.
     *
     * @param script the script's file name as given to the compiler, e.g. {@code sub/lookup.bas}
     * @param diagnostics the compiler's diagnostics, one or more lines
     */
    public ToolCompilationException(String script, String diagnostics) {
        this(script, diagnostics, null);
    }

    /**
     * A script with compile errors, with the compiler's exception.
     *
     * @param script the script's file name as given to the compiler
     * @param diagnostics the compiler's diagnostics
     * @param cause the compiler's own exception, may be null
     */
    public ToolCompilationException(String script, String diagnostics, Throwable cause) {
        super(
                toolName(script),
                "tool script '" + requireNonNull(script, "script is null") + "' does not compile:\n"
                        + requireNonNull(diagnostics, "diagnostics is null"),
                cause);
        this.script = script;
        this.diagnostics = diagnostics;
    }

    /**
     * The script's file name.
     *
     * @return the name as given to the compiler
     */
    public String script() {
        return script;
    }

    /**
     * The compiler's diagnostics.
     *
     * @return the diagnostics text
     */
    public String diagnostics() {
        return diagnostics;
    }

    private static String toolName(String script) {
        return script.endsWith(ToolFolder.EXTENSION)
                ? script.substring(0, script.length() - ToolFolder.EXTENSION.length())
                : script;
    }
}
