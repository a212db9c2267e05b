package io.basicflow.tools;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * Finds the {@code .bas} scripts under a folder, subfolders included, by the rules of the tools folder
 * (which the app's scripts folder shares): entries whose name starts with a dot are left out; links
 * are followed while they stay inside the folder; a link that leads out of it, leads nowhere or makes
 * a loop is reported, never followed out. At most {@value #MAX_DEPTH} folders deep.
 *
 * <p>The walk only finds files: checking names and reading scripts is the caller's.
 *
 * @param scripts the scripts found, in the order met
 * @param problems what was left out and why, in the order met
 */
public record ScriptFolderWalk(List<Script> scripts, List<Problem> problems) {

    /** How many folders deep a walk goes. */
    public static final int MAX_DEPTH = 16;

    /** The extension of scripts (matched ignoring case). */
    public static final String EXTENSION = ".bas";

    /**
     * Copies the lists.
     *
     * @param scripts not null
     * @param problems not null
     */
    public ScriptFolderWalk {
        scripts = List.copyOf(scripts);
        problems = List.copyOf(problems);
    }

    /**
     * A script found inside the folder.
     *
     * @param relativePath its path in the folder, {@code /} between folders, with its extension as
     *     spelled on disk
     * @param realPath its real path (links resolved), inside the folder's real path
     */
    public record Script(String relativePath, Path realPath) {
        /**
         * Validates the parts.
         *
         * @param relativePath not null
         * @param realPath not null
         */
        public Script {
            requireNonNull(relativePath, "relativePath is null");
            requireNonNull(realPath, "realPath is null");
        }
    }

    /** Why an entry was left out. */
    public enum Kind {
        /** A folder link that leads outside the folder: nothing under it is looked at. */
        FOLDER_LINK_OUTSIDE,
        /** A script that, through a link, is a file outside the folder. */
        SCRIPT_LINK_OUTSIDE,
        /** A script name that is a link leading nowhere. */
        DANGLING_LINK,
        /** A folder link that leads back to a folder above it. */
        LINK_LOOP,
        /** An entry that could not be read. */
        UNREADABLE
    }

    /**
     * An entry left out.
     *
     * @param relativePath its path in the folder, {@code /} between folders
     * @param kind why
     * @param detail the I/O error for {@link Kind#UNREADABLE}, else empty
     */
    public record Problem(String relativePath, Kind kind, String detail) {
        /**
         * Validates the parts.
         *
         * @param relativePath not null
         * @param kind not null
         * @param detail not null
         */
        public Problem {
            requireNonNull(relativePath, "relativePath is null");
            requireNonNull(kind, "kind is null");
            requireNonNull(detail, "detail is null");
        }
    }

    /**
     * Walks a folder.
     *
     * @param root the folder as configured (absolute, normalised)
     * @param realRoot its real path (links resolved)
     * @return the scripts and the problems
     * @throws IOException when the folder itself cannot be walked
     */
    public static ScriptFolderWalk of(Path root, Path realRoot) throws IOException {
        requireNonNull(root, "root is null");
        requireNonNull(realRoot, "realRoot is null");
        List<Script> scripts = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), MAX_DEPTH, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                if (dir.equals(root)) {
                    return FileVisitResult.CONTINUE;
                }
                if (dir.getFileName().toString().startsWith(".")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (!dir.toRealPath().startsWith(realRoot)) {
                    problems.add(new Problem(relative(root, dir), Kind.FOLDER_LINK_OUTSIDE, ""));
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                String fileName = file.getFileName().toString();
                if (fileName.startsWith(".")
                        || !fileName.toLowerCase(Locale.ROOT).endsWith(EXTENSION)
                        || fileName.length() == EXTENSION.length()) {
                    return FileVisitResult.CONTINUE;
                }
                String relative = relative(root, file);
                if (attributes.isSymbolicLink()) {
                    // Followed links report their target's attributes: a link reported as such leads nowhere.
                    problems.add(new Problem(relative, Kind.DANGLING_LINK, ""));
                } else if (attributes.isRegularFile()) {
                    try {
                        Path real = file.toRealPath();
                        if (real.startsWith(realRoot)) {
                            scripts.add(new Script(relative, real));
                        } else {
                            problems.add(new Problem(relative, Kind.SCRIPT_LINK_OUTSIDE, ""));
                        }
                    } catch (IOException e) {
                        problems.add(new Problem(relative, Kind.UNREADABLE, e.toString()));
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException failure) {
                problems.add(new Problem(
                        relative(root, file),
                        failure instanceof FileSystemLoopException ? Kind.LINK_LOOP : Kind.UNREADABLE,
                        failure instanceof FileSystemLoopException ? "" : failure.toString()));
                return FileVisitResult.CONTINUE;
            }
        });
        return new ScriptFolderWalk(scripts, problems);
    }

    /** A path under the root as {@code a/b/c}. */
    private static String relative(Path root, Path path) {
        List<String> parts = new ArrayList<>();
        root.relativize(path).forEach(part -> parts.add(part.toString()));
        return String.join("/", parts);
    }
}
