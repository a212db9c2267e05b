package io.basicflow.app.scripts;

import java.util.Locale;

/** How a script runs. */
public enum ScriptMode {
    /** The first non-comment line is {@code #workflow}: a durable workflow, startable over HTTP. */
    WORKFLOW,
    /** Any other script: runs directly in memory, in one go, without durability. */
    DIRECT;

    private static final String PRAGMA = "#workflow";

    /**
     * The mode a server runs scripts without {@code #workflow} in, from the {@code
     * basicflow.scripts.default-mode} setting: {@code durable} (General Bots dialogs, whose
     * conversations must survive a restart) or {@code direct}.
     *
     * @param setting the setting's value, any case
     * @return {@link #WORKFLOW} for {@code durable}, {@link #DIRECT} for {@code direct}
     * @throws IllegalArgumentException for any other value, saying which are allowed
     */
    public static ScriptMode ofDefaultSetting(String setting) {
        return switch (setting.strip().toLowerCase(Locale.ROOT)) {
            case "durable", "workflow" -> WORKFLOW;
            case "direct" -> DIRECT;
            default ->
                throw new IllegalArgumentException(
                        "basicflow.scripts.default-mode must be durable or direct, was '" + setting + "'");
        };
    }

    /**
     * The mode a script runs in under a server whose scripts without {@code #workflow} run in
     * {@code unmarked}: a {@code #workflow} script is always durable.
     *
     * @param unmarked the mode of scripts without the pragma
     * @return the mode
     */
    public ScriptMode under(ScriptMode unmarked) {
        return this == WORKFLOW ? WORKFLOW : unmarked;
    }

    /**
     * The mode a source declares, read from its text without compiling it: {@link #WORKFLOW} when
     * the first line that is neither blank nor a comment ({@code '}, {@code REM}, {@code //}, {@code
     * #}) is {@code #workflow} (any case, a trailing comment allowed).
     *
     * @param source the source
     * @return the declared mode
     */
    public static ScriptMode declaredBy(String source) {
        String text = source.startsWith("\uFEFF") ? source.substring(1) : source;
        for (String rawLine : text.split("\r\n|\r|\n", -1)) {
            String line = rawLine.strip();
            if (line.isEmpty()) {
                continue;
            }
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith(PRAGMA)) {
                String rest = line.substring(PRAGMA.length()).strip();
                if (rest.isEmpty() || rest.startsWith("'") || rest.startsWith("//")) {
                    return WORKFLOW;
                }
            }
            if (lower.startsWith("'")
                    || lower.startsWith("//")
                    || lower.startsWith("#")
                    || lower.equals("rem")
                    || lower.startsWith("rem ")
                    || lower.startsWith("rem\t")) {
                continue;
            }
            return DIRECT;
        }
        return DIRECT;
    }
}
