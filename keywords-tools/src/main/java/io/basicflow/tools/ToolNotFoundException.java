package io.basicflow.tools;

import java.util.List;

/** No tool script of that name exists in the tools folder. */
public final class ToolNotFoundException extends ToolException {

    private static final long serialVersionUID = 1L;

    private final List<String> nearbyNames;

    /**
     * A missing tool.
     *
     * @param tool the name as given
     * @param message what was looked for and where, with the nearby names
     * @param nearbyNames names of existing tools that resemble the one asked for, best first
     */
    public ToolNotFoundException(String tool, String message, List<String> nearbyNames) {
        super(tool, message, null);
        this.nearbyNames = List.copyOf(nearbyNames);
    }

    /**
     * Existing tools whose names resemble the one asked for.
     *
     * @return names, best match first; empty when none is close
     */
    public List<String> nearbyNames() {
        return nearbyNames;
    }
}
