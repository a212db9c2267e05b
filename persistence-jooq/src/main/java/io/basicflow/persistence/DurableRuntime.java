package io.basicflow.persistence;

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
import io.basicflow.engine.store.EventStore;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * The durable engine assembled on a started {@link Database}: the {@link JooqEventStore}, the
 * compiler and interpreter with the installed plugins, a {@link WorkerPool} (unless this process
 * only serves the API) and the {@link DurableWorkflowEngine}. The app's Guice module, the command
 * line and {@link WorkerMain} build it the same way.
 *
 * <pre>{@code
 * try (Database database = new Database(config).start();
 *         DurableRuntime runtime = DurableRuntime.builder(database, KeywordCatalogue.discover(loader)).start()) {
 *     runtime.engine().start(new StartRequest(Optional.empty(), "hello.bas", source, Map.of()));
 * }
 * }</pre>
 */
public final class DurableRuntime implements AutoCloseable {

    private final JooqEventStore store;
    private final Interpreter interpreter;
    private final CompiledScripts scripts;
    private final ChildScripts children;
    private final DurableSettings settings;
    private final Clock clock;
    private final EngineMetrics metrics;
    private final MessageSignals signals;
    private final WorkerPool workers;
    private final DurableWorkflowEngine engine;

    private DurableRuntime(Builder builder) {
        this.store = new JooqEventStore(builder.database);
        this.settings = builder.settings;
        this.clock = builder.clock;
        this.metrics = builder.metrics;
        this.children = builder.children;
        RuntimeCatalogue catalogue = RuntimeCatalogue.from(builder.catalogue, builder.configuration, clock);
        if (builder.data != null) {
            catalogue = catalogue.withData(builder.data);
        }
        this.interpreter = new Interpreter(catalogue, clock, builder.random, Sleeper.SYSTEM);
        this.scripts = new CompiledScripts(new ScriptService(builder.catalogue), store, 10_000);
        this.signals = new MessageSignals();
        this.workers = builder.workers ? newWorkerPool(settings) : null;
        this.engine = new DurableWorkflowEngine(
                store,
                interpreter,
                scripts,
                settings,
                clock,
                signals,
                workers == null ? LocalWorkers.wakingOnly(() -> {}) : workers);
    }

    /**
     * Starts assembling a runtime.
     *
     * @param database the started database
     * @param catalogue the installed plugins
     * @return a builder with defaults: {@link DurableSettings#defaults()}, the system clock (UTC), no
     *     plugin configuration, no child scripts, no metrics, {@link ThreadLocalRandom}, with workers
     * @throws IllegalStateException when the database is not started
     */
    public static Builder builder(Database database, KeywordCatalogue catalogue) {
        return new Builder(database, catalogue);
    }

    /**
     * The API.
     *
     * @return the engine
     */
    public DurableWorkflowEngine engine() {
        return engine;
    }

    /**
     * This process's workers.
     *
     * @return the pool, empty when this runtime serves the API only
     */
    public Optional<WorkerPool> workers() {
        return Optional.ofNullable(workers);
    }

    /**
     * The store.
     *
     * @return the event store
     */
    public EventStore store() {
        return store;
    }

    /**
     * Another worker pool of this process, sharing the compiled scripts and message signals (tests of
     * several nodes in one JVM); the caller starts and closes it.
     *
     * @param poolSettings its settings (another node name, e.g.)
     * @return the pool, not started
     */
    public WorkerPool newWorkerPool(DurableSettings poolSettings) {
        return new WorkerPool(store, interpreter, scripts, children, poolSettings, clock, metrics, signals);
    }

    /** Stops the workers gracefully, then the store's notifier (the database is the caller's to close). */
    @Override
    public void close() {
        try {
            if (workers != null) {
                workers.close();
            }
        } finally {
            store.close();
        }
    }

    /** Configures a {@link DurableRuntime}. */
    public static final class Builder {
        private final Database database;
        private final KeywordCatalogue catalogue;
        private DurableSettings settings = DurableSettings.defaults();
        private Clock clock = Clock.systemUTC();
        private Map<String, String> configuration = Map.of();
        private ChildScripts children = ChildScripts.NONE;
        private EngineMetrics metrics = EngineMetrics.NONE;
        private boolean workers = true;
        private io.basicflow.engine.data.DataConnections data;
        private RandomGenerator random = ThreadLocalRandom.current();

        private Builder(Database database, KeywordCatalogue catalogue) {
            this.database = requireNonNull(database, "database is null");
            this.catalogue = requireNonNull(catalogue, "catalogue is null");
        }

        /**
         * The node's settings.
         *
         * @param settings the settings
         * @return this builder
         */
        public Builder settings(DurableSettings settings) {
            this.settings = requireNonNull(settings, "settings is null");
            return this;
        }

        /**
         * The engine's clock (timers, {@code NOW()}).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock is null");
            return this;
        }

        /**
         * The plugins' configuration ({@code basicflow.<plugin>.<key>} entries).
         *
         * @param configuration the entries
         * @return this builder
         */
        public Builder configuration(Map<String, String> configuration) {
            this.configuration = Map.copyOf(configuration);
            return this;
        }

        /**
         * Where child scripts come from.
         *
         * @param children the port
         * @return this builder
         */
        public Builder children(ChildScripts children) {
            this.children = requireNonNull(children, "children is null");
            return this;
        }

        /**
         * Where figures go.
         *
         * @param metrics the metrics
         * @return this builder
         */
        public Builder metrics(EngineMetrics metrics) {
            this.metrics = requireNonNull(metrics, "metrics is null");
            return this;
        }

        /**
         * The random generator of {@code RANDOM()} and {@code UUID()}; shared by every activation, so
         * it must be thread-safe (the default, {@link ThreadLocalRandom}, is).
         *
         * @param random the generator
         * @return this builder
         */
        public Builder random(RandomGenerator random) {
            this.random = requireNonNull(random, "random is null");
            return this;
        }

        /**
         * Whether this process runs executions (true) or only serves the API (false).
         *
         * @param workers the flag
         * @return this builder
         */
        public Builder workers(boolean workers) {
            this.workers = workers;
            return this;
        }

        /**
         * Where data keywords keep their tables when not in this runtime's database (by default they
         * write in the commit of their own step, in this database).
         *
         * @param data the data's database
         * @return this builder
         */
        public Builder data(io.basicflow.engine.data.DataConnections data) {
            this.data = requireNonNull(data, "data is null");
            return this;
        }

        /**
         * Assembles the runtime and starts its workers.
         *
         * @return the runtime
         */
        public DurableRuntime start() {
            DurableRuntime runtime = new DurableRuntime(this);
            if (runtime.workers != null) {
                runtime.workers.start();
            }
            return runtime;
        }
    }
}
