package io.basicflow.testkit;

import static java.util.Objects.requireNonNull;

import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.engine.api.ExecutionNotFoundException;
import io.basicflow.engine.api.StartRequest;
import io.basicflow.engine.api.WorkflowEngine;
import io.basicflow.engine.direct.ScriptResolver;
import io.basicflow.engine.durable.ChildScripts;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.value.Value;
import io.basicflow.testkit.internal.CrashPlan;
import io.basicflow.testkit.internal.KitEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs scripts with your keyword plugin on the real durable engine, against an embedded PostgreSQL,
 * for JUnit (or any) tests of a plugin: feed {@code HEAR} input, read the messages and the event
 * history, see every call of your handlers with its idempotency key, and simulate a crash at a
 * chosen step to prove that your keyword survives it.
 *
 * <pre>{@code
 * try (BasicflowTestKit kit = BasicflowTestKit.withPlugins(new TicketPlugin())
 *         .configuration("tickets.queue", "support")) {
 *     ScriptRun run = kit.run("ticket.bas", source);
 *     run.input("The printer is on fire").input("urgent");
 *     Value ticket = run.awaitResult();
 *     assertThat(run.messages()).contains("Ticket #" + ticket.display() + " created");
 *     assertThat(kit.effectCalls("CREATE")).hasSize(1);
 * }
 * }</pre>
 *
 * <p>One embedded PostgreSQL serves the whole test JVM (started on first use in a temporary folder,
 * removed at exit); each kit gets a fresh database of its own, dropped by {@link #close()}. The
 * engine starts with the first {@link #run}: configure the kit before. Scripts run durably, so they
 * start with {@code #workflow}. Every wait gives up after {@link #timeout(Duration)} (30 s by
 * default) with an {@link AssertionError} that shows where the execution stands.
 *
 * <p>The kit is not thread-safe while it is being configured; its runs may be used from any thread.
 */
public final class BasicflowTestKit implements AutoCloseable {

    private final List<KeywordPlugin> plugins;
    private final Map<String, String> configuration = new LinkedHashMap<>();
    private final CrashPlan crashPlan = new CrashPlan();
    private final List<EffectCall> calls = new CopyOnWriteArrayList<>();
    private Clock clock = Clock.systemUTC();
    private ChildScripts children = ChildScripts.NONE;
    private Duration timeout = Duration.ofSeconds(30);
    private volatile KitEngine engine;
    private boolean closed;

    private BasicflowTestKit(List<KeywordPlugin> plugins) {
        this.plugins = List.copyOf(plugins);
    }

    /**
     * A kit with your plugins and the built-in keywords and functions; nothing is looked up on the
     * class path.
     *
     * @param plugins the plugins under test
     * @return the kit, not started
     */
    public static BasicflowTestKit withPlugins(KeywordPlugin... plugins) {
        List<KeywordPlugin> all = new ArrayList<>();
        all.add(new CorePlugin());
        for (KeywordPlugin plugin : plugins) {
            all.add(requireNonNull(plugin, "a plugin is null"));
        }
        return new BasicflowTestKit(all);
    }

    /**
     * A kit with every plugin listed in {@code META-INF/services/io.basicflow.spi.KeywordPlugin} on
     * the test class path, as the app finds them: this also proves that your service file is right.
     *
     * @return the kit, not started
     * @throws io.basicflow.compiler.catalogue.PluginCatalogueException when a listed plugin fails to
     *     load or the plugins cannot be used together
     */
    public static BasicflowTestKit withDiscoveredPlugins() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return new BasicflowTestKit(
                KeywordCatalogue.discover(loader != null ? loader : BasicflowTestKit.class.getClassLoader())
                        .plugins());
    }

    /**
     * Sets a configuration key, as {@code -Dbasicflow.<plugin>.<key>=…} does in the app; your plugin
     * reads it from {@code invocation.context().configuration()} without the prefix.
     *
     * @param key {@code <plugin>.<key>} (e.g. {@code tickets.queue}) or the full {@code
     *     basicflow.tickets.queue}
     * @param value the value
     * @return this kit
     */
    public BasicflowTestKit configuration(String key, String value) {
        requireNotStarted();
        requireNonNull(key, "key is null");
        requireNonNull(value, "value is null");
        String full = key.startsWith("basicflow.") ? key : "basicflow." + key;
        configuration.put(full, value);
        return this;
    }

    /**
     * The engine's clock: what {@code NOW()} reads, what timers and retry backoffs are measured
     * against, and what {@code invocation.context().clock()} gives your handler.
     *
     * @param value the clock (default: the system clock in UTC)
     * @return this kit
     */
    public BasicflowTestKit clock(Clock value) {
        requireNotStarted();
        this.clock = requireNonNull(value, "clock is null");
        return this;
    }

    /**
     * The folder that {@code CALL "other.bas"} and {@code r = USE TOOL "name", …} take scripts from.
     *
     * @param folder the folder
     * @return this kit
     */
    public BasicflowTestKit scriptsFolder(Path folder) {
        return children(ChildScripts.from(ScriptResolver.directory(requireNonNull(folder, "folder is null"))));
    }

    /**
     * Where child scripts come from, for an integrator's own port (e.g. the app's tools folder).
     *
     * @param value the port (default: no child scripts)
     * @return this kit
     */
    public BasicflowTestKit children(ChildScripts value) {
        requireNotStarted();
        this.children = requireNonNull(value, "children is null");
        return this;
    }

    /**
     * How long a wait ({@link ScriptRun#awaitStatus}, {@link ScriptRun#awaitMessages}) may take
     * before it fails the test.
     *
     * @param value the limit (default 30 s)
     * @return this kit
     */
    public BasicflowTestKit timeout(Duration value) {
        requireNonNull(value, "timeout is null");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + value);
        }
        this.timeout = value;
        return this;
    }

    /**
     * Simulates a crash after the commit that records the first event the matcher matches. The
     * engine goes on in memory until its next commit — an effect's handler, called after its {@code
     * EffectStarted} is committed, still runs — and dies there, as if the process had been killed
     * between the two commits: nothing it did after the matching commit reaches the database. A new
     * engine then resumes on the same database, exactly as after a {@code kill -9} and a restart: an
     * effect whose outcome was not recorded is called again with the same idempotency key, messages
     * that were not committed are said again (once), input that was not recorded is taken again.
     *
     * <p>Each crash point fires once; several may be added, also after the engine started. {@link
     * #crashes()} says how many happened. If no commit follows the matching one (the execution ended
     * there), no crash happens.
     *
     * @param matcher the point, e.g. {@code StepMatcher.effectStarted("CREATE")}
     * @return this kit
     */
    public BasicflowTestKit crashAt(StepMatcher matcher) {
        crashPlan.afterMatch(matcher);
        return this;
    }

    /**
     * Simulates a crash after the n-th commit (counted from the kit's start, across engines, for
     * every execution), in the way {@link #crashAt(StepMatcher)} does. The engine commits before an
     * effect's handler runs, when an execution waits ({@code HEAR} without input, {@code WAIT}, a
     * child) and when it ends, and after 1,000 steps without a commit.
     *
     * @param commit the commit's number, from 1
     * @return this kit
     */
    public BasicflowTestKit crashAfterCommit(int commit) {
        crashPlan.afterCommit(commit);
        return this;
    }

    /**
     * Starts a script named {@code test.bas}.
     *
     * @param source the source, starting with {@code #workflow}
     * @return the run
     */
    public ScriptRun run(String source) {
        return run("test.bas", source);
    }

    /**
     * Starts a script.
     *
     * @param scriptName its name, shown in errors ({@code ticket.bas:7:10: …})
     * @param source the source, starting with {@code #workflow}
     * @return the run
     * @throws io.basicflow.engine.api.ScriptCompilationException when the script does not compile;
     *     its message lists the diagnostics
     */
    public ScriptRun run(String scriptName, String source) {
        return run(scriptName, source, Map.of());
    }

    /**
     * Starts a script with initial variables (e.g. a URL to a local test server).
     *
     * @param scriptName its name
     * @param source the source, starting with {@code #workflow}
     * @param variables variables by name; plain Java values are converted with {@link Value#of}
     * @return the run
     */
    public ScriptRun run(String scriptName, String source, Map<String, ?> variables) {
        requireNonNull(scriptName, "scriptName is null");
        requireNonNull(source, "source is null");
        Map<String, Value> values = new LinkedHashMap<>();
        variables.forEach((name, value) -> values.put(name.toLowerCase(Locale.ROOT), Value.of(value)));
        String id = started()
                .api()
                .start(new StartRequest(Optional.empty(), scriptName, source, values))
                .executionId();
        return new ScriptRun(this, id);
    }

    /**
     * Starts a script read from a file; its name is the file name.
     *
     * @param script the {@code .bas} file
     * @return the run
     */
    public ScriptRun run(Path script) {
        try {
            return run(script.getFileName().toString(), Files.readString(script, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + script, e);
        }
    }

    /**
     * A handle on an execution the kit's engine holds, e.g. a tool run's child ({@code
     * <parent id>~<seq>}).
     *
     * @param executionId the execution's id
     * @return the run
     * @throws ExecutionNotFoundException when there is no such execution
     */
    public ScriptRun execution(String executionId) {
        requireNonNull(executionId, "executionId is null");
        if (started().api().find(executionId).isEmpty()) {
            throw new ExecutionNotFoundException(executionId);
        }
        return new ScriptRun(this, executionId);
    }

    /**
     * Every finished call of every plugin handler, in order.
     *
     * @return the calls
     */
    public List<EffectCall> effectCalls() {
        return List.copyOf(calls);
    }

    /**
     * The finished calls of one keyword's handler, in order: how often it was called and with which
     * idempotency keys and attempts.
     *
     * @param keyword the keyword, any case
     * @return its calls
     */
    public List<EffectCall> effectCalls(String keyword) {
        String name = requireNonNull(keyword, "keyword is null")
                .trim()
                .replaceAll("\\s+", " ")
                .toUpperCase(Locale.ROOT);
        return calls.stream().filter(call -> call.keyword().equals(name)).toList();
    }

    /**
     * How many simulated crashes happened so far.
     *
     * @return the count
     */
    public int crashes() {
        return engine == null ? 0 : engine.crashes();
    }

    /**
     * The engine API, for what the run handles do not offer (listing, acknowledging, …). It stays
     * valid across simulated crashes.
     *
     * @return the engine, started if it was not
     */
    public WorkflowEngine engine() {
        return started().api();
    }

    /**
     * The JDBC URL of the kit's database (user {@code postgres}, no password), e.g. to inspect the
     * tables or to point another process at it.
     *
     * @return the URL, the engine started if it was not
     */
    public String jdbcUrl() {
        return started().jdbcUrl();
    }

    Duration timeout() {
        return timeout;
    }

    private synchronized KitEngine started() {
        if (closed) {
            throw new IllegalStateException("this test kit is closed");
        }
        if (engine == null) {
            engine = KitEngine.start(plugins, configuration, clock, children, crashPlan, calls::add);
        }
        return engine;
    }

    private synchronized void requireNotStarted() {
        if (engine != null || closed) {
            throw new IllegalStateException(
                    "configure the test kit before its first run: the engine has started already");
        }
    }

    /** Stops the engine and drops the kit's database. */
    @Override
    public synchronized void close() {
        closed = true;
        if (engine != null) {
            engine.close();
        }
    }
}
