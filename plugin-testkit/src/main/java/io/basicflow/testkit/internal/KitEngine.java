package io.basicflow.testkit.internal;

import static java.util.Objects.requireNonNull;

import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.engine.durable.ChildScripts;
import io.basicflow.engine.durable.CompiledScripts;
import io.basicflow.engine.durable.DurableSettings;
import io.basicflow.engine.durable.DurableWorkflowEngine;
import io.basicflow.engine.durable.EngineMetrics;
import io.basicflow.engine.durable.LocalWorkers;
import io.basicflow.engine.durable.MessageSignals;
import io.basicflow.engine.durable.WorkerPool;
import io.basicflow.engine.interpreter.Interpreter;
import io.basicflow.engine.interpreter.RuntimeCatalogue;
import io.basicflow.engine.interpreter.Sleeper;
import io.basicflow.persistence.Database;
import io.basicflow.persistence.JooqEventStore;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.testkit.EffectCall;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable engine of one kit, on a fresh database: an API ({@link DurableWorkflowEngine}) that
 * the test's handles use, and one worker pool at a time that runs the executions. When the pool's
 * store dies ({@link CrashingEventStore}), the pool is abandoned as if its process had been killed,
 * the leases it held are freed (as a restart on the same host does for a dead process), and a new
 * pool — a new interpreter, new compiled scripts, the same plugins — resumes the executions.
 */
public final class KitEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KitEngine.class);

    /**
     * Short timings, so that takeovers happen within a test; commits only at the engine's commit
     * boundaries (effects, suspensions, ends, every 1,000 steps) and one group commit at a time, so
     * that the commits of a script are the same on every run and {@code crashAfterCommit(n)} means
     * the same point each time.
     */
    static final DurableSettings SETTINGS = DurableSettings.defaults().toBuilder()
            .nodeName("testkit")
            .concurrency(32)
            .pollInterval(Duration.ofMillis(200))
            .leaseTimeout(Duration.ofSeconds(5))
            .heartbeatInterval(Duration.ofMillis(500))
            .checkpointInterval(Duration.ofHours(1))
            .commitConcurrency(1)
            .shutdownTimeout(Duration.ofSeconds(5))
            .messagePollInterval(Duration.ofMillis(50))
            .build();

    private final KitPostgres server;
    private final String databaseName;
    private final Database database;
    private final JooqEventStore store;
    private final KeywordCatalogue catalogue;
    private final Map<String, String> configuration;
    private final Clock clock;
    private final ChildScripts children;
    private final CrashPlan plan;
    private final MessageSignals signals = new MessageSignals();
    private final DurableWorkflowEngine api;

    private final Object lock = new Object();
    private WorkerPool pool;
    private CrashingEventStore poolStore;
    private Thread restart;
    private int crashes;
    private boolean closed;

    /**
     * Starts an engine on a fresh database of the JVM's test PostgreSQL.
     *
     * @param plugins the plugins, the core plugin included
     * @param configuration the plugins' settings by full key ({@code basicflow.<plugin>.<key>})
     * @param clock the engine's clock
     * @param children where child scripts come from
     * @param plan the crashes to simulate
     * @param calls told about every handler call
     * @return the started engine
     * @throws io.basicflow.compiler.catalogue.PluginCatalogueException when the plugins cannot be used
     *     together (the message names them)
     */
    public static KitEngine start(
            List<KeywordPlugin> plugins,
            Map<String, String> configuration,
            Clock clock,
            ChildScripts children,
            CrashPlan plan,
            Consumer<EffectCall> calls) {
        // The plugins as given are checked first, so that a refusal names the plugin's own class and jar.
        KeywordCatalogue.of(plugins);
        List<KeywordPlugin> recording = new ArrayList<>(plugins.size());
        for (KeywordPlugin plugin : plugins) {
            recording.add(new RecordingPlugin(plugin, calls));
        }
        return new KitEngine(
                KitPostgres.shared(), KeywordCatalogue.of(recording), configuration, clock, children, plan);
    }

    private KitEngine(
            KitPostgres server,
            KeywordCatalogue catalogue,
            Map<String, String> configuration,
            Clock clock,
            ChildScripts children,
            CrashPlan plan) {
        this.server = server;
        this.catalogue = requireNonNull(catalogue, "catalogue is null");
        this.configuration = Map.copyOf(configuration);
        this.clock = requireNonNull(clock, "clock is null");
        this.children = requireNonNull(children, "children is null");
        this.plan = requireNonNull(plan, "plan is null");
        this.databaseName = server.createDatabase();
        Database started = null;
        try {
            started = new Database(server.config(databaseName)).start();
        } catch (RuntimeException e) {
            server.dropDatabase(databaseName);
            throw e;
        }
        this.database = started;
        this.store = new JooqEventStore(database);
        this.api = new DurableWorkflowEngine(
                store,
                interpreter(),
                new CompiledScripts(new ScriptService(catalogue), store, 1_000),
                SETTINGS,
                clock,
                signals,
                LocalWorkers.wakingOnly(this::wakeWorkers));
        synchronized (lock) {
            startPool();
        }
    }

    private Interpreter interpreter() {
        return new Interpreter(
                RuntimeCatalogue.from(catalogue, configuration, clock),
                clock,
                ThreadLocalRandom.current(),
                Sleeper.SYSTEM);
    }

    /** A new worker pool, as a freshly started process would have; called holding the lock. */
    private void startPool() {
        CrashingEventStore dying = new CrashingEventStore(store, plan, () -> died());
        WorkerPool started = new WorkerPool(
                dying,
                interpreter(),
                new CompiledScripts(new ScriptService(catalogue), dying, 1_000),
                children,
                SETTINGS,
                clock,
                EngineMetrics.NONE,
                signals);
        poolStore = dying;
        pool = started;
        started.start();
    }

    private void wakeWorkers() {
        WorkerPool current;
        synchronized (lock) {
            current = pool;
        }
        if (current != null) {
            current.wakeUp();
        }
    }

    /** The running pool's store died: kill the pool and start another, on a thread of its own. */
    private void died() {
        synchronized (lock) {
            if (closed || restart != null) {
                return;
            }
            WorkerPool dead = pool;
            restart = Thread.ofPlatform().name("basicflow-testkit-restart").start(() -> restart(dead));
        }
    }

    private void restart(WorkerPool dead) {
        dead.abandon();
        // A restart on the same host frees the leases of a dead process at once (its pid is gone).
        int freed = store.freeLeasesOf(dead.owner(), clock.instant());
        synchronized (lock) {
            crashes++;
            restart = null;
            if (!closed) {
                log.info(
                        "Simulated crash {}: engine {} is dead ({} execution(s) freed); a new engine resumes",
                        crashes,
                        dead.owner(),
                        freed);
                startPool();
            }
            lock.notifyAll();
        }
    }

    /**
     * The engine API the test's handles use; it outlives simulated crashes.
     *
     * @return the API
     */
    public DurableWorkflowEngine api() {
        return api;
    }

    /**
     * How many simulated crashes happened (each followed by a new engine).
     *
     * @return the count
     */
    public int crashes() {
        synchronized (lock) {
            return crashes;
        }
    }

    /**
     * The JDBC URL of this engine's database (user {@code postgres}, no password).
     *
     * @return the URL
     */
    public String jdbcUrl() {
        return server.jdbcUrl(databaseName);
    }

    /** Stops the running pool gracefully, then the store and the database, and drops the database. */
    @Override
    public void close() {
        Thread pending;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            pending = restart;
        }
        try {
            if (pending != null) {
                pending.join(Duration.ofSeconds(30));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        WorkerPool current;
        boolean dead;
        synchronized (lock) {
            current = pool;
            dead = poolStore.dead();
        }
        try {
            if (dead) {
                current.abandon();
            } else {
                current.close();
            }
        } finally {
            try {
                store.close();
                database.close();
            } finally {
                server.dropDatabase(databaseName);
            }
        }
    }
}
