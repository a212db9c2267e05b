package io.basicflow.app.scripts;

import java.util.List;

/** No script has the given name (or its link leads nowhere). */
public final class ScriptNotFoundException extends ScriptLibraryException {

    private static final long serialVersionUID = 1L;

    private final List<String> nearbyNames;

    /**
     * The failure.
     *
     * @param scriptName the name as given
     * @param nearbyNames existing names that look alike, best first
     */
    public ScriptNotFoundException(String scriptName, List<String> nearbyNames) {
        super(scriptName, message(scriptName, nearbyNames), null);
        this.nearbyNames = List.copyOf(nearbyNames);
    }

    private static String message(String scriptName, List<String> nearbyNames) {
        String message = "there is no script '" + Names.shown(scriptName) + "' in the scripts folder";
        if (!nearbyNames.isEmpty()) {
            message += "; did you mean '" + String.join("', '", nearbyNames) + "'?";
        }
        return message;
    }

    /**
     * Existing names that look like the one asked for.
     *
     * @return names, best first, possibly empty
     */
    public List<String> nearbyNames() {
        return nearbyNames;
    }
}
