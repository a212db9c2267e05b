package io.basicflow.tools;

import static java.util.Objects.requireNonNull;

import io.basicflow.spi.program.Program;
import io.basicflow.spi.value.Value;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The configured folder of tool scripts, and the only place tools come from.
 *
 * <p>A tool is named by its path in the folder, with or without {@code .bas}: {@code lookup}, {@code
 * lookup.bas}, {@code crm/create-lead}. Names are matched exactly, else ignoring case when exactly
 * one file matches that way. A name is refused ({@link ToolResolutionException}) when it has a
 * {@code ..} or {@code .} segment, a segment starting with a dot, an empty segment, a backslash, a
 * NUL or other control character, is an absolute path ({@code /x}, {@code C:x}), or leads, through
 * links, to a file outside the folder. Links that stay inside the folder are followed.
 *
 * <p>Compiled signatures are cached by tool and script text: an edited script is compiled again on
 * its next use, an unchanged one is not. Thread-safe.
 */
public final class ToolFolder {

    /** The extension of tool scripts. */
    public static final String EXTENSION = ".bas";

    /** The longest tool name accepted, in characters. */
    public static final int MAX_NAME_LENGTH = 512;

    /** The largest tool script read, in bytes. */
    public static final int MAX_SCRIPT_BYTES = 1 << 20;

    private static final int MAX_NAMES_SHOWN = 10;

    private final Path root;
    private final ToolCompiler compiler;
    private final ConcurrentMap<String, CompiledTool> compiled = new ConcurrentHashMap<>();

    /**
     * A tools folder. Nothing is read until a tool is asked for, so the folder may be created after
     * this object.
     *
     * @param root the folder; a relative path is taken from the working directory
     * @param compiler compiles tool scripts to read their signatures
     */
    public ToolFolder(Path root, ToolCompiler compiler) {
        this.root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
        this.compiler = requireNonNull(compiler, "compiler is null");
    }

    /**
     * The folder.
     *
     * @return its absolute path, as configured (links not resolved)
     */
    public Path root() {
        return root;
    }

    /**
     * Finds a tool's script.
     *
     * @param toolName the tool name: {@code name}, {@code name.bas} or {@code sub/name}
     * @return the script's real path, inside the folder
     * @throws ToolResolutionException when the name is refused or leads outside the folder
     * @throws ToolNotFoundException when no such script exists; the message lists nearby names
     * @throws ToolFolderException when the folder does not exist or cannot be read
     */
    public Path resolve(String toolName) {
        return locate(toolName).path();
    }

    /**
     * Reads a tool's script.
     *
     * @param toolName the tool name
     * @return the script, with its name as spelled on disk
     * @throws ToolResolutionException when the name is refused or leads outside the folder
     * @throws ToolNotFoundException when no such script exists
     * @throws ToolFolderException when the folder or the script cannot be read
     * @throws ToolCompilationException when the script is larger than {@link #MAX_SCRIPT_BYTES}
     */
    public ToolScript read(String toolName) {
        Located located = locate(toolName);
        return new ToolScript(located.name(), located.path(), readSource(located));
    }

    /**
     * A tool's signature, compiling its script when it is new or changed.
     *
     * @param toolName the tool name
     * @return the signature
     * @throws ToolException when the tool cannot be found or read ({@link #read(String)}), does not
     *     compile ({@link ToolCompilationException}) or has an unusable signature ({@link
     *     ToolSignatureException})
     */
    public ToolSignature signature(String toolName) {
        return compile(toolName).signature();
    }

    /**
     * Prepares a run of a tool with positional arguments, as {@code r = USE TOOL "name", a, b}
     * gives them.
     *
     * @param toolName the tool name
     * @param arguments the arguments in order (a single map is taken as named arguments, see {@link
     *     ToolArguments#validate(ToolSignature, List)})
     * @return the script, program and checked variables for the child execution
     * @throws ToolException as {@link #signature(String)}, or {@link ToolArgumentException} listing
     *     every argument problem
     */
    public ToolCall prepareCall(String toolName, List<? extends Value> arguments) {
        CompiledTool tool = compile(toolName);
        return new ToolCall(
                tool.signature(), tool.script(), tool.program(), ToolArguments.validate(tool.signature(), arguments));
    }

    /**
     * Prepares a run of a tool with named arguments, as an LLM host or the HTTP API gives them.
     *
     * @param toolName the tool name
     * @param arguments the arguments by parameter name
     * @return the script, program and checked variables for the child execution
     * @throws ToolException as {@link #signature(String)}, or {@link ToolArgumentException} listing
     *     every argument problem
     */
    public ToolCall prepareCall(String toolName, Map<String, ? extends Value> arguments) {
        CompiledTool tool = compile(toolName);
        return new ToolCall(
                tool.signature(), tool.script(), tool.program(), ToolArguments.validate(tool.signature(), arguments));
    }

    /**
     * The names of every tool script under the folder (subfolders included, hidden entries and
     * links leading outside left out), without compiling them.
     *
     * @return tool names, sorted
     * @throws ToolFolderException when the folder does not exist or cannot be read
     */
    public List<String> names() {
        return walk("").names();
    }

    /**
     * Every tool under the folder with its signature. Scripts that do not compile, have an unusable
     * signature or lead outside the folder are reported, not listed.
     *
     * @return the tools and the problems, each sorted by name
     * @throws ToolFolderException when the folder does not exist or cannot be read
     */
    public ToolListing list() {
        Walk walk = walk("");
        List<ToolSignature> tools = new ArrayList<>();
        List<ToolListing.Problem> problems = new ArrayList<>(walk.problems());
        for (String name : walk.names()) {
            try {
                tools.add(signature(name));
            } catch (ToolException e) {
                problems.add(new ToolListing.Problem(name, e.getMessage()));
            }
        }
        problems.sort(Comparator.comparing(ToolListing.Problem::tool));
        return new ToolListing(tools, problems);
    }

    /**
     * The signatures of some tools, e.g. an execution's active set. A tool that vanished or broke
     * since it was activated is reported, not listed.
     *
     * @param toolNames the tool names, in the order to list them
     * @return the tools in that order, and the problems
     */
    public ToolListing describe(List<String> toolNames) {
        List<ToolSignature> tools = new ArrayList<>();
        List<ToolListing.Problem> problems = new ArrayList<>();
        for (String name : toolNames) {
            try {
                tools.add(signature(name));
            } catch (ToolException e) {
                problems.add(new ToolListing.Problem(name, e.getMessage()));
            }
        }
        return new ToolListing(tools, problems);
    }

    private CompiledTool compile(String toolName) {
        Located located = locate(toolName);
        String source = readSource(located);
        CompiledTool cached = compiled.get(located.name());
        if (cached != null
                && cached.script().path().equals(located.path())
                && cached.script().source().equals(source)) {
            return cached;
        }
        ToolScript script = new ToolScript(located.name(), located.path(), source);
        Program program = compiler.compile(script.fileName(), source);
        requireNonNull(program, "the ToolCompiler returned no program for " + script.fileName());
        CompiledTool tool = new CompiledTool(script, program, ToolSignature.from(located.name(), program));
        compiled.put(located.name(), tool);
        return tool;
    }

    private record CompiledTool(ToolScript script, Program program, ToolSignature signature) {}

    private record Located(String name, Path path) {}

    private Located locate(String toolName) {
        String relative = checkName(toolName);
        Path realRoot = realRoot(toolName);
        String[] segments = relative.split("/");
        Path current = root;
        List<String> spelled = new ArrayList<>();
        for (int i = 0; i < segments.length; i++) {
            boolean last = i == segments.length - 1;
            String fileName = last ? segments[i] + EXTENSION : segments[i];
            Path exact = current.resolve(fileName);
            Path next = Files.exists(exact, LinkOption.NOFOLLOW_LINKS)
                    ? exact
                    : matchIgnoringCase(current, fileName).orElse(null);
            if (next == null) {
                throw notFound(toolName, relative, "");
            }
            if (!last) {
                // A folder link leading out is refused before anything inside it is looked at.
                Path realFolder = realPath(toolName, relative, next);
                if (!realFolder.startsWith(realRoot)) {
                    throw outside(toolName);
                }
            }
            String onDisk = next.getFileName().toString();
            spelled.add(last ? onDisk.substring(0, onDisk.length() - EXTENSION.length()) : onDisk);
            current = next;
        }
        if (!current.normalize().startsWith(root)) {
            throw outside(toolName); // cannot happen after checkName; kept as a second lock
        }
        Path real = realPath(toolName, relative, current);
        if (!real.startsWith(realRoot)) {
            throw outside(toolName);
        }
        if (!Files.isRegularFile(real)) {
            throw notFound(toolName, relative, " ('" + relative + EXTENSION + "' is not a file)");
        }
        return new Located(String.join("/", spelled), real);
    }

    /**
     * Checks a tool name's form and returns it as a relative path without the extension.
     *
     * @param toolName the name as given
     * @return the relative path, segments separated by {@code /}, without {@code .bas}
     */
    private String checkName(String toolName) {
        if (toolName == null || toolName.isBlank()) {
            throw new ToolResolutionException(
                    toolName == null ? "" : toolName,
                    "a tool name is empty; name a script in the tools folder " + root);
        }
        String name = toolName.strip();
        if (name.length() > MAX_NAME_LENGTH) {
            throw refused(toolName, "is longer than " + MAX_NAME_LENGTH + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\0') {
                throw refused(toolName, "contains a NUL character");
            }
            if (Character.isISOControl(c)) {
                throw refused(toolName, "contains a control character");
            }
            if (c == '\\') {
                throw refused(toolName, "contains a backslash; name a tool in a subfolder with '/', e.g. 'crm/lookup'");
            }
        }
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            throw refused(toolName, "is an absolute path; tools are named by their path inside the tools folder");
        }
        if (name.toLowerCase(Locale.ROOT).endsWith(EXTENSION)) {
            name = name.substring(0, name.length() - EXTENSION.length());
        }
        for (String segment : name.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                throw refused(toolName, "has a '" + segment + "' segment; tools resolve only inside the tools folder");
            }
            if (segment.isEmpty()) {
                throw refused(toolName, "has an empty path segment");
            }
            if (segment.startsWith(".")) {
                throw refused(
                        toolName, "has a hidden segment '" + segment + "'; names starting with '.' are not tools");
            }
        }
        return name;
    }

    private ToolResolutionException refused(String toolName, String why) {
        return new ToolResolutionException(
                toolName, "tool name '" + shown(toolName) + "' is refused: it " + why + " (tools folder " + root + ")");
    }

    private ToolResolutionException outside(String toolName) {
        return new ToolResolutionException(
                toolName,
                "tool '" + shown(toolName) + "' is outside the tools folder " + root
                        + ": a link leads out of it, and tools resolve only inside the folder");
    }

    /** The name as it can be shown in a message: control characters escaped. */
    private static String shown(String toolName) {
        StringBuilder out = new StringBuilder();
        toolName.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private ToolNotFoundException notFound(String toolName, String relative, String detail) {
        List<String> names;
        try {
            names = names();
        } catch (ToolFolderException e) {
            names = List.of();
        }
        List<String> nearby = NearbyNames.find(relative, names, 5);
        String hint;
        if (!nearby.isEmpty()) {
            hint = "; did you mean " + nearby.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", ")) + "?";
        } else if (names.isEmpty()) {
            hint = "; the folder holds no tools";
        } else {
            hint = "; the folder holds " + names.size() + " tool" + (names.size() == 1 ? "" : "s") + ": "
                    + names.stream().limit(MAX_NAMES_SHOWN).collect(Collectors.joining(", "))
                    + (names.size() > MAX_NAMES_SHOWN ? ", …" : "");
        }
        return new ToolNotFoundException(
                toolName,
                "tool '" + shown(toolName) + "' not found in the tools folder " + root + detail + hint,
                nearby);
    }

    private Path realRoot(String toolName) {
        try {
            Path real = root.toRealPath();
            if (!Files.isDirectory(real)) {
                throw new ToolFolderException(
                        toolName, "the tools folder " + root + " is not a folder; set basicflow.tools.folder", null);
            }
            return real;
        } catch (NoSuchFileException e) {
            throw new ToolFolderException(
                    toolName,
                    "the tools folder " + root + " does not exist; create it or set basicflow.tools.folder",
                    e);
        } catch (IOException e) {
            throw new ToolFolderException(toolName, "cannot read the tools folder " + root + ": " + e, e);
        }
    }

    private Path realPath(String toolName, String relative, Path path) {
        try {
            return path.toRealPath();
        } catch (NoSuchFileException e) {
            throw notFound(toolName, relative, " ('" + root.relativize(path) + "' is a link that leads nowhere)");
        } catch (IOException e) {
            throw new ToolFolderException(toolName, "cannot read " + path + ": " + e, e);
        }
    }

    private static Optional<Path> matchIgnoringCase(Path folder, String fileName) {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            List<Path> matches = entries.filter(
                            entry -> entry.getFileName().toString().equalsIgnoreCase(fileName))
                    .limit(2)
                    .toList();
            return matches.size() == 1 ? Optional.of(matches.getFirst()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private String readSource(Located located) {
        Path path = located.path();
        try (SeekableByteChannel channel =
                Files.newByteChannel(path, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            if (channel.size() > MAX_SCRIPT_BYTES) {
                throw new ToolCompilationException(
                        located.name() + EXTENSION,
                        "the script has " + channel.size() + " bytes; a tool script may have at most "
                                + MAX_SCRIPT_BYTES);
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) channel.size());
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // read until full or end of file
            }
            String source = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            return source.startsWith("\uFEFF") ? source.substring(1) : source;
        } catch (IOException e) {
            throw new ToolFolderException(located.name(), "cannot read tool script " + path + ": " + e, e);
        }
    }

    private record Walk(List<String> names, List<ToolListing.Problem> problems) {}

    private Walk walk(String toolName) {
        Path realRoot = realRoot(toolName);
        ScriptFolderWalk walk;
        try {
            walk = ScriptFolderWalk.of(root, realRoot);
        } catch (IOException e) {
            throw new ToolFolderException(toolName, "cannot list the tools folder " + root + ": " + e, e);
        }
        List<String> names = new ArrayList<>();
        List<ToolListing.Problem> problems = new ArrayList<>();
        for (ScriptFolderWalk.Script script : walk.scripts()) {
            String name = withoutExtension(script.relativePath());
            try {
                checkName(name);
                names.add(name);
            } catch (ToolResolutionException e) {
                problems.add(new ToolListing.Problem(name, e.getMessage()));
            }
        }
        for (ScriptFolderWalk.Problem problem : walk.problems()) {
            String relative = problem.relativePath();
            problems.add(
                    switch (problem.kind()) {
                        case FOLDER_LINK_OUTSIDE ->
                            new ToolListing.Problem(
                                    relative,
                                    "the folder link '" + relative + "' leads outside the tools folder " + root
                                            + "; its scripts are not offered as tools");
                        case SCRIPT_LINK_OUTSIDE -> {
                            String name = withoutExtension(relative);
                            yield new ToolListing.Problem(name, outside(name).getMessage());
                        }
                        case DANGLING_LINK ->
                            new ToolListing.Problem(
                                    withoutExtension(relative), "'" + relative + "' is a link that leads nowhere");
                        case LINK_LOOP ->
                            new ToolListing.Problem(
                                    relative, "the folder link '" + relative + "' makes a loop; it is not listed");
                        case UNREADABLE ->
                            new ToolListing.Problem(relative, "cannot read '" + relative + "': " + problem.detail());
                    });
        }
        names.sort(Comparator.naturalOrder());
        return new Walk(names, problems);
    }

    private static String withoutExtension(String relativePath) {
        return relativePath.substring(0, relativePath.length() - EXTENSION.length());
    }
}
