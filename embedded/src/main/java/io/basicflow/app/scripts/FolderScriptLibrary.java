package io.basicflow.app.scripts;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.api.BotNames;
import io.basicflow.tools.ScriptFolderWalk;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The scripts of one folder (subfolders included).
 *
 * <p>Names are paths inside the folder with {@code /} between folders and the {@code .bas}
 * extension ({@code ticket.bas}, {@code support/refund.bas}); a name without {@code .bas} gets it
 * added. Names match exactly. A name is refused ({@link ScriptNameException}) when it is empty,
 * longer than {@value #MAX_NAME_LENGTH} characters, absolute ({@code /x}, {@code C:x}), has a
 * {@code ..}, {@code .}, empty or hidden ({@code .x}) segment, a backslash or a control character,
 * or leads through a link to a file outside the folder. Links that stay inside are followed. These
 * are the rules of the tools folder.
 *
 * <p>General Bots bot folders ({@code support.gbai/support.gbdialog/*.bas}, at any depth, or the
 * folder itself) are named by bot: {@code support/start.bas} (see {@link BotLayout}); a bot's name
 * alone ({@code support}) loads its {@code start.bas}.
 *
 * <p>The listing reads each script's text to report its declared {@link ScriptMode} but compiles
 * none; {@link #check} compiles through the {@link ScriptChecker}. Nothing is cached: an edited
 * file is seen at once. Thread-safe.
 */
public final class FolderScriptLibrary implements ScriptLibrary {

    /** The extension of scripts. */
    public static final String EXTENSION = ".bas";

    /** The longest name accepted, in characters. */
    public static final int MAX_NAME_LENGTH = 512;

    /** The largest script read by default, in bytes. */
    public static final long DEFAULT_MAX_SCRIPT_BYTES = 1 << 20;

    private static final int MAX_NEARBY = 5;

    private final Path root;
    private final ScriptChecker checker;
    private final long maxScriptBytes;
    private final ScriptMode unmarked;

    /**
     * A library over a folder that reads scripts up to {@link #DEFAULT_MAX_SCRIPT_BYTES}. Nothing
     * is read until asked, so the folder may be created later.
     *
     * @param root the folder; a relative path is taken from the working directory
     * @param checker compiles scripts for {@link #check}
     */
    public FolderScriptLibrary(Path root, ScriptChecker checker) {
        this(root, checker, DEFAULT_MAX_SCRIPT_BYTES);
    }

    /**
     * A library over a folder.
     *
     * @param root the folder; a relative path is taken from the working directory
     * @param checker compiles scripts for {@link #check}
     * @param maxScriptBytes the largest script read, in bytes
     */
    public FolderScriptLibrary(Path root, ScriptChecker checker, long maxScriptBytes) {
        this(root, checker, maxScriptBytes, ScriptMode.DIRECT);
    }

    /**
     * A library whose scripts without {@code #workflow} run in a chosen mode: the modes it reports
     * ({@link ScriptInfo#mode()}, {@link ScriptCheck#mode()}) are the modes scripts run in here.
     *
     * @param root the folder; a relative path is taken from the working directory
     * @param checker compiles scripts for {@link #check}
     * @param maxScriptBytes the largest script read, in bytes
     * @param unmarked the mode of scripts without {@code #workflow}: {@link ScriptMode#WORKFLOW} on a
     *     server that runs every script durably (the default of {@code basicflow serve})
     */
    public FolderScriptLibrary(Path root, ScriptChecker checker, long maxScriptBytes, ScriptMode unmarked) {
        this.unmarked = requireNonNull(unmarked, "unmarked is null");
        this.root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
        this.checker = requireNonNull(checker, "checker is null");
        if (maxScriptBytes < 1) {
            throw new IllegalArgumentException("maxScriptBytes must be at least 1, was " + maxScriptBytes);
        }
        this.maxScriptBytes = maxScriptBytes;
    }

    /**
     * The folder.
     *
     * @return its absolute path, as configured (links not resolved)
     */
    public Path root() {
        return root;
    }

    @Override
    public ScriptListing list() {
        Index index = index("");
        List<ScriptInfo> scripts = new ArrayList<>();
        List<ScriptListing.Problem> problems = new ArrayList<>(index.problems());
        index.files().forEach((name, real) -> {
            try {
                scripts.add(read(name, real).info());
            } catch (ScriptLibraryException e) {
                problems.add(new ScriptListing.Problem(name, e.getMessage()));
            }
        });
        scripts.sort(Comparator.comparing(ScriptInfo::name));
        problems.sort(Comparator.comparing(ScriptListing.Problem::name));
        return new ScriptListing(scripts, problems);
    }

    /**
     * The scripts by name (bot folders named by {@link BotLayout}) with their real paths, and the
     * entries left out. When two files get the same name, the one whose path is the name wins, else
     * the first in path order; the other is reported.
     */
    private Index index(String forName) {
        Path realRoot = realRoot(forName);
        ScriptFolderWalk walk;
        try {
            walk = ScriptFolderWalk.of(root, realRoot);
        } catch (IOException e) {
            throw new ScriptFolderException(forName, "cannot list the scripts folder " + root + ": " + e, e);
        }
        String rootName = root.getFileName() == null ? "" : root.getFileName().toString();
        Map<String, Path> files = new TreeMap<>();
        Map<String, String> paths = new LinkedHashMap<>();
        List<ScriptListing.Problem> problems = new ArrayList<>();
        List<ScriptFolderWalk.Script> found = new ArrayList<>(walk.scripts());
        found.sort(Comparator.comparing(ScriptFolderWalk.Script::relativePath));
        for (ScriptFolderWalk.Script script : found) {
            String path = script.relativePath();
            if (!path.endsWith(EXTENSION)) {
                continue; // names match exactly: 'x.BAS' is not a script name
            }
            String name = BotLayout.scriptName(rootName, path);
            try {
                checkName(name);
            } catch (ScriptLibraryException e) {
                problems.add(new ScriptListing.Problem(name, e.getMessage()));
                continue;
            }
            String earlier = paths.get(name);
            if (earlier != null && !earlier.equals(name) && path.equals(name)) {
                problems.add(sameName(name, earlier, path));
                files.put(name, script.realPath());
                paths.put(name, path);
            } else if (earlier != null) {
                problems.add(sameName(name, path, earlier));
            } else {
                files.put(name, script.realPath());
                paths.put(name, path);
            }
        }
        for (ScriptFolderWalk.Problem problem : walk.problems()) {
            String name = problem.relativePath();
            boolean script = problem.kind() == ScriptFolderWalk.Kind.SCRIPT_LINK_OUTSIDE
                    || problem.kind() == ScriptFolderWalk.Kind.DANGLING_LINK;
            if (script && !name.endsWith(EXTENSION)) {
                continue; // not a script name ('x.BAS')
            }
            problems.add(new ScriptListing.Problem(
                    name,
                    switch (problem.kind()) {
                        case FOLDER_LINK_OUTSIDE ->
                            "the folder link '" + name
                                    + "' leads outside the scripts folder; its scripts are not offered";
                        case SCRIPT_LINK_OUTSIDE -> outsideReason(name);
                        case DANGLING_LINK -> "'" + name + "' is a link that leads nowhere";
                        case LINK_LOOP -> "the folder link '" + name + "' makes a loop; it is not listed";
                        case UNREADABLE -> "cannot read '" + name + "': " + problem.detail();
                    }));
        }
        return new Index(files, problems);
    }

    private static ScriptListing.Problem sameName(String name, String leftOut, String kept) {
        return new ScriptListing.Problem(
                name,
                "'" + leftOut + "' would also be named '" + name + "', which '" + kept
                        + "' is already; it is not offered: rename one of the bots or scripts");
    }

    /** The scripts of the folder by name, with their real paths; and what was left out. */
    private record Index(Map<String, Path> files, List<ScriptListing.Problem> problems) {}

    /**
     * The real path of a script, for front ends that need its folder (a bot's own tools).
     *
     * @param name the script's name as {@link #load} takes it
     * @return the script file's real path, or empty when there is no such script
     * @throws ScriptNameException when the name is refused
     * @throws ScriptFolderException when the library cannot be read
     */
    public Optional<Path> file(String name) {
        String relative = checkName(name);
        return Optional.ofNullable(index(name).files().get(relative));
    }

    /**
     * {@inheritDoc}
     *
     * <p>A script of a bot folder is loaded by its bot name ({@code support/start.bas}); its path on
     * disk ({@code support.gbai/support.gbdialog/start.bas}) is accepted too, and the script gets
     * its bot name. A single segment without {@code .bas} that is no script but a bot ({@code
     * support}) loads the bot's entry, {@code support/start.bas}.
     */
    @Override
    public ScriptSource load(String name) {
        String relative = checkName(name);
        Path realRoot = realRoot(name);
        Path candidate = root;
        for (String segment : relative.split("/")) {
            candidate = candidate.resolve(segment);
        }
        String rootName = root.getFileName() == null ? "" : root.getFileName().toString();
        if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
            Path real;
            try {
                real = candidate.toRealPath();
            } catch (NoSuchFileException e) {
                throw notFound(name, relative); // a link that leads nowhere
            } catch (IOException e) {
                throw new ScriptFolderException(name, "cannot read script " + candidate + ": " + e, e);
            }
            if (!real.startsWith(realRoot)) {
                throw new ScriptNameException(name, outsideReason(relative));
            }
            if (Files.isRegularFile(real)) {
                return read(BotLayout.scriptName(rootName, relative), real);
            }
        }
        Index index = index(name);
        Path real = index.files().get(relative);
        if (real == null) {
            real = BotLayout.botNamed(name)
                    .map(bot -> index.files().get(BotNames.entryScript(bot)))
                    .orElse(null);
            if (real != null) {
                relative = BotNames.entryScript(name);
            }
        }
        if (real == null) {
            throw notFound(name, relative, index.files().keySet());
        }
        return read(relative, real);
    }

    @Override
    public ScriptCheck check(String name, String source) {
        requireNonNull(name, "name is null");
        requireNonNull(source, "source is null");
        ScriptCheck check = checker.check(name, source.startsWith("\uFEFF") ? source.substring(1) : source);
        requireNonNull(check, "the ScriptChecker returned no result for " + name);
        return new ScriptCheck(check.mode().under(unmarked), check.diagnostics(), check.parameters());
    }

    /**
     * Checks a name's form and returns it as a relative path with {@code .bas}.
     *
     * @param name the name as given
     * @return segments separated by {@code /}, ending in {@code .bas}
     */
    private static String checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new ScriptNameException(name, "is empty; name a script of the scripts folder, e.g. 'ticket.bas'");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new ScriptNameException(name, "is longer than " + MAX_NAME_LENGTH + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                throw new ScriptNameException(name, "contains a control character");
            }
            if (c == '\\') {
                throw new ScriptNameException(
                        name, "contains a backslash; separate folders with '/', e.g. 'support/refund.bas'");
            }
        }
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            throw new ScriptNameException(
                    name, "is an absolute path; scripts are named by their path inside the scripts folder");
        }
        String relative = name.endsWith(EXTENSION) ? name : name + EXTENSION;
        for (String segment : relative.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                throw new ScriptNameException(
                        name, "has a '" + segment + "' segment; scripts resolve only inside the scripts folder");
            }
            if (segment.isEmpty()) {
                throw new ScriptNameException(name, "has an empty path segment");
            }
            if (segment.startsWith(".")) {
                throw new ScriptNameException(
                        name, "has a hidden segment '" + segment + "'; names starting with '.' are not scripts");
            }
        }
        if (relative.equals(EXTENSION) || relative.endsWith("/" + EXTENSION)) {
            throw new ScriptNameException(name, "has no file name before '" + EXTENSION + "'");
        }
        return relative;
    }

    private static String outsideReason(String name) {
        return "leads outside the scripts folder through a link ('" + name
                + "'); scripts resolve only inside the folder";
    }

    private ScriptNotFoundException notFound(String name, String relative) {
        Collection<String> names;
        try {
            names = index(name).files().keySet();
        } catch (ScriptFolderException e) {
            names = List.of();
        }
        return notFound(name, relative, names);
    }

    private static ScriptNotFoundException notFound(String name, String relative, Collection<String> names) {
        return new ScriptNotFoundException(name, Names.nearby(relative, List.copyOf(names), MAX_NEARBY));
    }

    private Path realRoot(String name) {
        try {
            Path real = root.toRealPath();
            if (!Files.isDirectory(real)) {
                throw new ScriptFolderException(
                        name,
                        "the scripts folder " + root + " is not a folder; point the scripts folder setting at one",
                        null);
            }
            return real;
        } catch (NoSuchFileException e) {
            throw new ScriptFolderException(
                    name, "the scripts folder " + root + " does not exist; create it or configure another one", e);
        } catch (IOException e) {
            throw new ScriptFolderException(name, "cannot read the scripts folder " + root + ": " + e, e);
        }
    }

    private ScriptSource read(String name, Path real) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
            if (attributes.size() > maxScriptBytes) {
                throw new ScriptTooLargeException(name, attributes.size(), maxScriptBytes);
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS)) {
                bytes = in.readNBytes((int) maxScriptBytes + 1);
            }
            if (bytes.length > maxScriptBytes) { // it grew since the size was read
                throw new ScriptTooLargeException(name, bytes.length, maxScriptBytes);
            }
            String source = new String(bytes, StandardCharsets.UTF_8);
            if (source.startsWith("\uFEFF")) {
                source = source.substring(1);
            }
            ScriptInfo info = new ScriptInfo(
                    name,
                    bytes.length,
                    attributes.lastModifiedTime().toInstant(),
                    ScriptMode.declaredBy(source).under(unmarked));
            return new ScriptSource(info, source);
        } catch (NoSuchFileException e) {
            throw notFound(name, name);
        } catch (IOException e) {
            throw new ScriptFolderException(name, "cannot read script " + real + ": " + e, e);
        }
    }

    @Override
    public String toString() {
        return "FolderScriptLibrary[" + root + "]";
    }
}
