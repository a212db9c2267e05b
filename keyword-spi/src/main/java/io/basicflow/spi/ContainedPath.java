package io.basicflow.spi;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The one rule for a path that must stay inside a folder: a path a script writes in a bot's storage
 * (the file keywords, {@code GET "path"}, {@code DOWNLOAD}, attachments, through {@link BotFiles}),
 * and a path a URL names under a served folder (secure links, sites). The path is relative to the
 * folder, {@code /} or {@code \} separate its folders, and it can never leave the folder:
 *
 * <ul>
 *   <li>an empty path is refused ({@link Reason#EMPTY});
 *   <li>an absolute path ({@code /etc}, {@code \etc}, {@code C:/…}) or a URL is refused;
 *   <li>a {@code ..} segment is refused wherever it stands, also percent-encoded ({@code %2e%2e}),
 *       so a second decoder further on cannot turn it into one; it is not normalised away;
 *   <li>a NUL character, or anything else the file system cannot name, is refused;
 *   <li>links: with {@link Rules#SCRIPT} a link is followed while it really stays inside the folder,
 *       with {@link Rules#SERVED} any link below the folder is refused;
 *   <li>hidden names (a segment starting with {@code .}) are refused by {@link Rules#SERVED}.
 * </ul>
 *
 * <p>JDK only, so the files plugin and the HTTP server share it without depending on each other.
 */
public final class ContainedPath {

    private ContainedPath() {}

    /**
     * What a caller lets through beyond plain names inside the folder.
     *
     * @param hiddenAllowed whether a segment may start with {@code .}
     * @param linksFollowed whether a symbolic link is followed while its target stays inside (else any
     *     link below the folder is refused)
     */
    public record Rules(boolean hiddenAllowed, boolean linksFollowed) {

        /** A script's path in its bot's storage: hidden names allowed, links followed while they stay inside. */
        public static final Rules SCRIPT = new Rules(true, true);

        /** A path a URL names, served to whoever has the URL: no hidden name, no link. */
        public static final Rules SERVED = new Rules(false, false);
    }

    /** Why a path was refused. */
    public enum Reason {
        /** Blank. */
        EMPTY,
        /** Absolute, with a drive letter, or a URL. */
        ABSOLUTE,
        /** A {@code ..} segment, plain or percent-encoded. */
        PARENT,
        /** A NUL character or another character the file system cannot name. */
        INVALID,
        /** A hidden segment where {@link Rules#hiddenAllowed()} is false. */
        HIDDEN,
        /** A link where {@link Rules#linksFollowed()} is false. */
        LINK,
        /** A link whose target is outside the folder. */
        LINK_OUT,
        /** A link on the way whose target does not exist. */
        DANGLING_LINK
    }

    /** A path refused, with its reason and a message that completes "the path '…' ". */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        private final Reason reason;

        Refused(Reason reason, String message) {
            super(message);
            this.reason = reason;
        }

        /**
         * Why.
         *
         * @return the reason
         */
        public Reason reason() {
            return reason;
        }
    }

    /**
     * Resolves a path inside a folder, refusing one that leaves it.
     *
     * @param folder the folder, absolute or not (made absolute and normalised)
     * @param folderName the folder as messages name it, e.g. {@code the bot's storage}
     * @param written the path as the script or the URL wrote it
     * @param rules what is let through
     * @return the absolute path inside the folder ({@code folder} itself for {@code .})
     * @throws Refused when the path is refused, with a message such as {@code goes up with '..'; paths
     *     cannot leave the bot's storage}
     * @throws IOException when the links on the way cannot be read
     */
    public static Path resolve(Path folder, String folderName, String written, Rules rules)
            throws Refused, IOException {
        requireNonNull(folderName, "folderName is null");
        requireNonNull(rules, "rules is null");
        Path base = requireNonNull(folder, "folder is null").toAbsolutePath().normalize();
        String path = requireNonNull(written, "written is null").strip().replace('\\', '/');
        if (path.isEmpty()) {
            throw new Refused(Reason.EMPTY, "is empty; give a path in " + folderName);
        }
        if (path.startsWith("/") || path.matches("(?s)[A-Za-z]:.*") || path.contains("://")) {
            throw new Refused(Reason.ABSOLUTE, "is absolute or a URL; paths are relative to " + folderName);
        }
        Path resolved = base;
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.toLowerCase(Locale.ROOT).replace("%2e", ".").equals("..")) {
                throw new Refused(Reason.PARENT, "goes up with '..'; paths cannot leave " + folderName);
            }
            if (segment.indexOf('\0') >= 0) {
                throw new Refused(Reason.INVALID, "holds a NUL character");
            }
            if (!rules.hiddenAllowed() && segment.startsWith(".")) {
                throw new Refused(Reason.HIDDEN, "names a hidden file or folder");
            }
            try {
                resolved = resolved.resolve(segment);
            } catch (InvalidPathException e) {
                throw new Refused(Reason.INVALID, "is no valid file name here: " + e.getReason());
            }
        }
        if (rules.linksFollowed()) {
            checkLinksStayInside(base, folderName, resolved);
        } else {
            for (Path part = resolved; !part.equals(base); part = part.getParent()) {
                if (Files.isSymbolicLink(part)) {
                    throw new Refused(Reason.LINK, "passes through a link; links are not followed here");
                }
            }
        }
        return resolved;
    }

    /** The deepest part of a path that exists must really be inside the folder: no link leads out. */
    private static void checkLinksStayInside(Path base, String folderName, Path resolved) throws Refused, IOException {
        if (!Files.exists(base)) {
            return; // nothing exists yet, so no link can lead out
        }
        Path realFolder = base.toRealPath();
        for (Path existing = resolved; existing != null && existing.startsWith(base); existing = existing.getParent()) {
            if (Files.exists(existing)) {
                if (!existing.toRealPath().startsWith(realFolder)) {
                    throw new Refused(Reason.LINK_OUT, "leads out of " + folderName + " through a link");
                }
                return;
            }
            if (Files.isSymbolicLink(existing) && !existing.equals(resolved)) {
                throw new Refused(Reason.DANGLING_LINK, "passes through a link that leads nowhere");
            }
        }
    }
}
