package io.basicflow.engine.api;

import java.util.List;

/** The script to start does not compile, or is not a {@code #workflow} script; nothing was stored. */
public final class ScriptCompilationException extends EngineException {

    private static final long serialVersionUID = 1L;

    private final String scriptName;
    private final List<String> diagnostics;

    /**
     * The failure.
     *
     * @param scriptName the script
     * @param diagnostics each diagnostic, formatted ({@code file:line:col: error: …} with the line and
     *     a caret)
     */
    public ScriptCompilationException(String scriptName, List<String> diagnostics) {
        super(scriptName + " does not compile:\n" + String.join("\n", diagnostics));
        this.scriptName = scriptName;
        this.diagnostics = List.copyOf(diagnostics);
    }

    /**
     * The script that does not compile.
     *
     * @return its name
     */
    public String scriptName() {
        return scriptName;
    }

    /**
     * The formatted diagnostics.
     *
     * @return one entry per diagnostic
     */
    public List<String> diagnostics() {
        return diagnostics;
    }
}
