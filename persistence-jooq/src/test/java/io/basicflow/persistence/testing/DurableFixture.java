package io.basicflow.persistence.testing;

import static java.util.Objects.requireNonNull;

import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.engine.api.MessageView;
import io.basicflow.engine.api.StartRequest;
import io.basicflow.engine.durable.ChildScripts;
import io.basicflow.engine.durable.DurableSettings;
import io.basicflow.engine.durable.DurableWorkflowEngine;
import io.basicflow.engine.durable.EngineMetrics;
import io.basicflow.engine.durable.WorkerPool;
import io.basicflow.engine.store.EventStore;
import io.basicflow.persistence.Database;
import io.basicflow.persistence.DurableRuntime;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.value.Value;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * A durable engine on a test class's database, for tests: a {@link DurableRuntime} (engine and one
 * worker pool, or none), helpers to start scripts and wait for a status, and extra pools for tests
 * of several nodes. Closing it stops every pool and the database.
 *
 * <pre>{@code
 * DurableFixture engine = DurableFixture.builder(testDatabase).plugins(new CountingPlugin()).start();
 * String id = engine.start("#workflow\nHEAR name\nTALK \"hi \" + name");
 * engine.awaitStatus(id, ExecutionStatus.WAITING_INPUT);
 * }</pre>
 */
public final class DurableFixture implements AutoCloseable {

    /** Short timings, so that take-overs and polls happen within a test. */
    public static final DurableSettings FAST = DurableSettings.defaults().toBuilder()
            .nodeName("test")
            .concurrency(64)
            .pollInterval(Duration.ofMillis(100))
            .leaseTimeout(Duration.ofSeconds(2))
            .heartbeatInterval(Duration.ofMillis(300))
            .shutdownTimeout(Duration.ofSeconds(5))
            .messagePollInterval(Duration.ofMillis(50))
            .build();

    /**
     * {@link #FAST} without commits on a timer: the commits (and so the event rows) are where the steps
     * put them, however slow the machine; an activation that never waits is one commit.
     */
    public static final DurableSettings STEADY =
            FAST.toBuilder().checkpointInterval(Duration.ofHours(1)).build();

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Database database;
    private final DurableRuntime runtime;
    private final Builder builder;
    private final List<WorkerPool> extraPools = new CopyOnWriteArrayList<>();

    private DurableFixture(Builder builder) {
        this.builder = builder;
        this.database = builder.testDatabase.startDatabase();
        List<KeywordPlugin> plugins = new ArrayList<>();
        plugins.add(new CorePlugin());
        plugins.addAll(builder.plugins);
        this.runtime = DurableRuntime.builder(database, KeywordCatalogue.of(plugins))
                .settings(builder.settings)
                .clock(builder.clock)
                .children(builder.children)
                .metrics(builder.metrics)
                .random(builder.random)
                .workers(builder.workers)
                .configuration(builder.configuration)
                .start();
    }

    /**
     * Starts configuring a fixture.
     *
     * @param testDatabase the class's database
     * @return a builder: {@link #FAST} settings, system clock, core plugin only, one worker pool
     */
    public static Builder builder(TestDatabase testDatabase) {
        return new Builder(testDatabase);
    }

    /**
     * The engine API.
     *
     * @return the engine
     */
    public DurableWorkflowEngine engine() {
        return runtime.engine();
    }

    /**
     * The store.
     *
     * @return the store
     */
    public EventStore store() {
        return runtime.store();
    }

    /**
     * The database.
     *
     * @return the started database
     */
    public Database database() {
        return database;
    }

    /**
     * The fixture's own worker pool.
     *
     * @return the pool
     * @throws IllegalStateException when built without workers
     */
    public WorkerPool workers() {
        return runtime.workers().orElseThrow(() -> new IllegalStateException("this fixture has no workers"));
    }

    /**
     * Starts another worker pool on the same database (another node in this JVM).
     *
     * @param settings its settings
     * @return the started pool; closed with the fixture
     */
    public WorkerPool startPool(DurableSettings settings) {
        WorkerPool pool = runtime.newWorkerPool(settings).start();
        extraPools.add(pool);
        return pool;
    }

    /**
     * Starts a script with a generated id.
     *
     * @param source the source (with {@code #workflow})
     * @return the execution id
     */
    public String start(String source) {
        return start("test.bas", source, Map.of());
    }

    /**
     * Starts a script.
     *
     * @param name its name
     * @param source the source
     * @param variables initial variables
     * @return the execution id
     */
    public String start(String name, String source, Map<String, Value> variables) {
        return engine().start(new StartRequest(Optional.empty(), name, source, variables))
                .executionId();
    }

    /**
     * Waits until an execution matches a condition.
     *
     * @param executionId the execution
     * @param condition the condition on its view
     * @param what the condition, for the failure message
     * @return the view that matched
     * @throws AssertionError when it does not match within 30 s
     */
    public ExecutionView await(String executionId, Predicate<ExecutionView> condition, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        ExecutionView view = null;
        while (System.nanoTime() < deadline) {
            view = engine().find(executionId).orElse(null);
            if (view != null && condition.test(view)) {
                return view;
            }
            sleep(10);
        }
        throw new AssertionError("execution " + executionId + " is not " + what + " after " + TIMEOUT + "; it is "
                + (view == null
                        ? "missing"
                        : view.status() + " "
                                + view.error().map(Object::toString).orElse("")));
    }

    /**
     * Waits until no activation runs in this fixture's worker pool: a parked execution's activation
     * ends just after the commit that parked it, so a test that sees the parked status waits for it.
     *
     * @throws AssertionError when an activation still runs after 30 s
     */
    public void awaitNoActivation() {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (workers().activeCount() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        workers().activeCount() + " activations still run after " + TIMEOUT + " with nothing to do");
            }
            sleep(10);
        }
    }

    /**
     * Waits until an execution has one of some statuses.
     *
     * @param executionId the execution
     * @param statuses the statuses
     * @return the view
     */
    public ExecutionView awaitStatus(String executionId, ExecutionStatus... statuses) {
        Set<ExecutionStatus> wanted = Set.of(statuses);
        return await(executionId, view -> wanted.contains(view.status()), Arrays.toString(statuses));
    }

    /**
     * The texts of an execution's messages so far.
     *
     * @param executionId the execution
     * @return the texts in order
     */
    public List<String> messages(String executionId) {
        return engine().messages(executionId, 0, 10_000, Duration.ZERO).stream()
                .map(MessageView::text)
                .toList();
    }

    /**
     * The builder's clock.
     *
     * @return the clock
     */
    public Clock clock() {
        return builder.clock;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Stops every pool (gracefully), then the database. */
    @Override
    public void close() {
        try {
            for (WorkerPool pool : extraPools) {
                pool.close();
            }
            runtime.close();
        } finally {
            database.close();
        }
    }

    /** Configures a {@link DurableFixture}. */
    public static final class Builder {
        private final TestDatabase testDatabase;
        private final List<KeywordPlugin> plugins = new ArrayList<>();
        private DurableSettings settings = FAST;
        private Clock clock = Clock.systemUTC();
        private ChildScripts children = ChildScripts.NONE;
        private EngineMetrics metrics = EngineMetrics.NONE;
        private RandomGenerator random = java.util.concurrent.ThreadLocalRandom.current();
        private boolean workers = true;
        private java.util.Map<String, String> configuration = java.util.Map.of();

        private Builder(TestDatabase testDatabase) {
            this.testDatabase = requireNonNull(testDatabase, "testDatabase is null");
        }

        /**
         * Adds plugins (the core plugin is always there).
         *
         * @param added the plugins
         * @return this builder
         */
        public Builder plugins(KeywordPlugin... added) {
            plugins.addAll(List.of(added));
            return this;
        }

        /**
         * The plugins' settings, by full key ({@code basicflow.ai.base-url}).
         *
         * @param value the settings
         * @return this builder
         */
        public Builder configuration(java.util.Map<String, String> value) {
            configuration = java.util.Map.copyOf(value);
            return this;
        }

        /**
         * The settings.
         *
         * @param value the settings
         * @return this builder
         */
        public Builder settings(DurableSettings value) {
            settings = value;
            return this;
        }

        /**
         * The clock.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            clock = value;
            return this;
        }

        /**
         * Where child scripts come from.
         *
         * @param value the port
         * @return this builder
         */
        public Builder children(ChildScripts value) {
            children = value;
            return this;
        }

        /**
         * The metrics.
         *
         * @param value the metrics
         * @return this builder
         */
        public Builder metrics(EngineMetrics value) {
            metrics = value;
            return this;
        }

        /**
         * The random generator.
         *
         * @param value the generator
         * @return this builder
         */
        public Builder random(RandomGenerator value) {
            random = value;
            return this;
        }

        /**
         * Whether the fixture has its own worker pool.
         *
         * @param value the flag
         * @return this builder
         */
        public Builder workers(boolean value) {
            workers = value;
            return this;
        }

        /**
         * Starts the fixture.
         *
         * @return the fixture
         */
        public DurableFixture start() {
            return new DurableFixture(this);
        }
    }
}
