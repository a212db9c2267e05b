package io.basicflow.engine.direct;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.orchestration.BotCalls;
import io.basicflow.engine.state.ChildRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the source of a child script: {@code CALL "other.bas"} and {@code r = USE TOOL "x", …}.
 */
@FunctionalInterface
public interface ScriptResolver {

    /**
     * Finds a child's script.
     *
     * @param request the child, with the parent's script name for relative names
     * @return the script, or empty when there is none by that name
     * @throws UncheckedIOException when the script exists but cannot be read
     * @throws IllegalStateException when the script exists but is refused (too large)
     */
    Optional<Script> resolve(ChildRequest request);

    /** No child scripts at all. */
    ScriptResolver NONE = request -> Optional.empty();

    /** The largest child script {@link #directory} reads, in bytes. */
    long MAX_SCRIPT_BYTES = 1 << 20;

    /**
     * Scripts in a folder: a name is resolved relative to the parent script's folder, {@code .bas} is
     * added when missing (a bot's entry script is found from the folder's root, see {@link
     * BotCalls#entryScripts}), and names that lead outside the folder, by {@code ..} or through a link,
     * are not found. A leading byte order mark is dropped; a script over {@link #MAX_SCRIPT_BYTES} is
     * refused.
     *
     * @param root the folder scripts are named relative to
     * @return the resolver
     */
    static ScriptResolver directory(Path root) {
        Path base = requireNonNull(root, "root is null").toAbsolutePath().normalize();
        return request -> {
            if (request.kind() == ChildRequest.Kind.BOT) {
                for (String entry : BotCalls.entryScripts(request.script())) {
                    Optional<Script> found = read(base, base.resolve(entry).normalize());
                    if (found.isPresent()) {
                        return found;
                    }
                }
                return Optional.empty();
            }
            String name = request.script().endsWith(".bas") ? request.script() : request.script() + ".bas";
            Path parent = base.resolve(request.parentScript()).normalize().getParent();
            return read(base, (parent == null ? base : parent).resolve(name).normalize());
        };
    }

    private static Optional<Script> read(Path base, Path file) {
        if (!file.startsWith(base) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Path real = file.toRealPath();
            if (!real.startsWith(base.toRealPath())) {
                return Optional.empty(); // a link leading out of the folder
            }
            long size = Files.size(real);
            if (size > MAX_SCRIPT_BYTES) {
                throw new IllegalStateException(
                        "script " + file + " has " + size + " bytes; a script may have at most " + MAX_SCRIPT_BYTES);
            }
            String source = Files.readString(real, StandardCharsets.UTF_8);
            List<String> parts = new ArrayList<>();
            base.relativize(file).forEach(part -> parts.add(part.toString()));
            return Optional.of(
                    new Script(String.join("/", parts), source.startsWith("\uFEFF") ? source.substring(1) : source));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * A script found by a resolver.
     *
     * @param name its name relative to the resolver's root, e.g. {@code lib/greet.bas}
     * @param source its source text
     */
    record Script(String name, String source) {
        /**
         * Validates the parts.
         *
         * @param name not null
         * @param source not null
         */
        public Script {
            requireNonNull(name, "name is null");
            requireNonNull(source, "source is null");
        }
    }
}
