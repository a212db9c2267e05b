package io.basicflow.compiler.events;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The folder and event list of {@code ON CHANGE "path" [EVENTS "…"]}: a folder inside the bot's storage
 * folder, and the events of keyword-on-change.md basicflow sees (create, modify, delete and their aliases).
 */
public final class FolderEvents {

    /** The events basicflow reports, in order. */
    public static final Set<String> ALL = Set.of("create", "modify", "delete");

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("create", "create"),
            Map.entry("created", "create"),
            Map.entry("new", "create"),
            Map.entry("modify", "modify"),
            Map.entry("modified", "modify"),
            Map.entry("change", "modify"),
            Map.entry("changed", "modify"),
            Map.entry("delete", "delete"),
            Map.entry("deleted", "delete"),
            Map.entry("remove", "delete"),
            Map.entry("removed", "delete"));

    private FolderEvents() {}

    /**
     * Why a path cannot be watched, or empty when it can: a cloud provider's path, an absolute path or one
     * with a {@code ..} segment.
     *
     * @param path the path as written
     * @return the problem
     */
    public static Optional<String> problemOf(String path) {
        String p = path.strip().replace('\\', '/');
        String lower = p.toLowerCase(Locale.ROOT);
        for (String provider : new String[] {"account://", "gdrive://", "onedrive://", "dropbox://"}) {
            if (lower.startsWith(provider)) {
                return Optional.of(provider + " folders are not reachable from basicflow: ON CHANGE watches a"
                        + " folder of the bot's own storage (<bot>.gbai/<bot>.gbdrive), such as ON CHANGE"
                        + " \"uploads\"");
            }
        }
        if (lower.matches("[a-z][a-z0-9+.-]*://.*")) {
            return Optional.of("ON CHANGE watches a folder of the bot's own storage, not " + p);
        }
        if (p.startsWith("/") || p.matches("[A-Za-z]:.*")) {
            return Optional.of("ON CHANGE watches a folder inside the bot's storage folder (<bot>.gbai/<bot>.gbdrive):"
                    + " write it relative to that folder, such as \"uploads/incoming\", not " + p);
        }
        for (String segment : p.split("/")) {
            if (segment.equals("..")) {
                return Optional.of("the path " + p + " leaves the bot's storage folder (a .. segment)");
            }
        }
        return Optional.empty();
    }

    /**
     * The events of an {@code EVENTS} list, by basicflow's names.
     *
     * @param list the list as written ({@code "create, modify"}); empty for all events
     * @return the events
     * @throws IllegalArgumentException naming an event basicflow does not report
     */
    public static Set<String> parse(Optional<String> list) {
        if (list.isEmpty() || list.get().isBlank()) {
            return ALL;
        }
        Set<String> events = new LinkedHashSet<>();
        for (String part : list.get().split("[,;\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            String name = part.toLowerCase(Locale.ROOT);
            String event = ALIASES.get(name);
            if (event == null) {
                if (name.startsWith("rename") || name.startsWith("move")) {
                    throw new IllegalArgumentException("ON CHANGE does not report " + part
                            + ": a renamed or moved file is a delete of the old path and a create of the new one;"
                            + " list create and delete");
                }
                throw new IllegalArgumentException("ON CHANGE reports create, modify and delete, not " + part);
            }
            events.add(event);
        }
        return Set.copyOf(events);
    }
}
