package io.basicflow.engine.durable;

import static java.util.Objects.requireNonNull;

import io.basicflow.compiler.CompilationException;
import io.basicflow.compiler.ExecutionPlan;
import io.basicflow.compiler.ScriptService;
import io.basicflow.engine.program.ProgramIndex;
import io.basicflow.engine.store.ExecutionReads;
import io.basicflow.engine.store.ScriptSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pinned scripts, compiled once per process: executions name their script by hash (and the name they
 * run it under), and every activation of every execution of one script shares the compiled program.
 * Thread-safe.
 */
public final class CompiledScripts {

    private final ScriptService compiler;
    private final ExecutionReads store;
    private final int capacity;
    private final ConcurrentHashMap<String, Compiled> byHash = new ConcurrentHashMap<>();

    /**
     * Creates the cache.
     *
     * @param compiler compiles sources with the installed plugins
     * @param store where pinned sources are read
     * @param capacity how many compiled scripts to keep (the cache empties when it is full)
     */
    public CompiledScripts(ScriptService compiler, ExecutionReads store, int capacity) {
        this.compiler = requireNonNull(compiler, "compiler is null");
        this.store = requireNonNull(store, "store is null");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * The compiler.
     *
     * @return the script service
     */
    public ScriptService compiler() {
        return compiler;
    }

    /**
     * The compiled script pinned under a hash, read from the store on first use.
     *
     * @param hash the script's hash
     * @param name the name the execution runs it under (the same source may have several names)
     * @return the compiled script
     * @throws PinnedScriptException when no script has this hash or it no longer compiles
     */
    public Compiled get(String hash, String name) {
        Compiled cached = byHash.get(key(hash, name));
        if (cached != null) {
            return cached;
        }
        ScriptSource source = store.script(hash)
                .orElseThrow(() -> new PinnedScriptException("no script is stored under hash " + hash));
        try {
            return remember(name, source.source(), hash);
        } catch (CompilationException e) {
            throw new PinnedScriptException("the pinned script " + source.name() + " (" + hash
                    + ") no longer compiles with the installed plugins:\n" + e.getMessage());
        }
    }

    /**
     * Compiles a source (any plan: children need no {@code #workflow}) and keeps it by hash.
     *
     * @param name the script's name
     * @param source the source
     * @return the compiled script
     * @throws CompilationException when it has errors
     */
    public Compiled compile(String name, String source) {
        String hash = hashOf(source);
        Compiled cached = byHash.get(key(hash, name));
        return cached != null ? cached : remember(name, source, hash);
    }

    /**
     * Keeps a program the caller compiled from a source (a start compiles once to check the plan).
     *
     * @param name the script's name
     * @param source the source
     * @param plan its compiled plan
     * @return the compiled script
     */
    public Compiled adopt(String name, String source, ExecutionPlan plan) {
        String hash = hashOf(source);
        Compiled cached = byHash.get(key(hash, name));
        if (cached != null) {
            return cached;
        }
        return keep(compiled(hash, name, source, plan));
    }

    /**
     * A script compiled before under this name.
     *
     * @param hash its hash
     * @param name its name
     * @return the compiled script, if it is in the cache
     */
    public Optional<Compiled> cached(String hash, String name) {
        return Optional.ofNullable(byHash.get(key(hash, name)));
    }

    private Compiled remember(String name, String source, String hash) {
        return keep(compiled(hash, name, source, compiler.compile(name, source)));
    }

    private static Compiled compiled(String hash, String name, String source, ExecutionPlan plan) {
        return new Compiled(
                hash,
                name,
                source,
                ProgramIndex.of(plan.program()),
                plan instanceof ExecutionPlan.Workflow,
                source.lines().toList());
    }

    private Compiled keep(Compiled compiled) {
        if (byHash.size() >= capacity) {
            byHash.clear();
        }
        byHash.put(key(compiled.hash(), compiled.name()), compiled);
        return compiled;
    }

    /** A program names its script in its errors: the same source under two names compiles twice. */
    private static String key(String hash, String name) {
        return hash + "\n" + name;
    }

    /**
     * The hash a source is pinned under: sha-256 of its UTF-8 bytes as 64 lower-case hex digits.
     *
     * @param source the source
     * @return the hash
     */
    public static String hashOf(String source) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * A compiled pinned script.
     *
     * @param hash its hash
     * @param name its name
     * @param source its source
     * @param program the compiled program with its block index
     * @param workflow whether the script starts with {@code #workflow}
     * @param lines the source's lines, for readable history
     */
    public record Compiled(
            String hash, String name, String source, ProgramIndex program, boolean workflow, List<String> lines) {
        /**
         * Validates and copies the parts.
         *
         * @param hash not null
         * @param name not null
         * @param source not null
         * @param program not null
         * @param workflow the flag
         * @param lines not null
         */
        public Compiled {
            requireNonNull(hash, "hash is null");
            requireNonNull(name, "name is null");
            requireNonNull(source, "source is null");
            requireNonNull(program, "program is null");
            lines = List.copyOf(lines);
        }

        /**
         * One line of the source, trimmed.
         *
         * @param number from 1
         * @return the line, or empty text when there is no such line
         */
        public String line(int number) {
            return EventSummaries.sourceLine(lines, number);
        }
    }
}
