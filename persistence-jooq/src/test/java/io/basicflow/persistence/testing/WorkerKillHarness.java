package io.basicflow.persistence.testing;

import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.engine.api.EventView;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.engine.api.MessageView;
import io.basicflow.engine.api.StartRequest;
import io.basicflow.engine.api.WorkflowEngine;
import io.basicflow.persistence.Database;
import io.basicflow.persistence.DurableRuntime;
import io.basicflow.persistence.WorkerMain;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What a plugin's kill -9 test needs: an engine API on the test database without workers of its own,
 * worker JVMs ({@link WorkerMain}) that the test kills hard, and waits on executions that report the
 * children's output when they time out. The plugin tests of mail, LLM calls and tool calls share it.
 */
public final class WorkerKillHarness implements AutoCloseable {

    private final TestDatabase testDatabase;
    private final Duration timeout;
    private final Database database;
    private final DurableRuntime api;
    private final List<ChildJvm> children = new ArrayList<>();

    private WorkerKillHarness(TestDatabase testDatabase, Duration timeout) {
        this.testDatabase = testDatabase;
        this.timeout = timeout;
        this.database = testDatabase.startDatabase();
        this.api = DurableRuntime.builder(database, KeywordCatalogue.discover(WorkerKillHarness.class.getClassLoader()))
                .workers(false)
                .start();
    }

    /**
     * Starts the API (no workers) on the test database, with the plugins on the class path.
     *
     * @param testDatabase the test's database
     * @param timeout how long each wait may take
     * @return the harness; close it after the test
     */
    public static WorkerKillHarness start(TestDatabase testDatabase, Duration timeout) {
        return new WorkerKillHarness(testDatabase, timeout);
    }

    /** The engine API. */
    public WorkflowEngine engine() {
        return api.engine();
    }

    /**
     * Starts a worker JVM on the test database with the given extra settings ({@code key=value}) and
     * waits until it runs.
     */
    public ChildJvm worker(String... settings) {
        String[] all = Stream.concat(
                        Stream.of(
                                "basicflow.db.url=" + testDatabase.jdbcUrl(),
                                "basicflow.db.user=" + testDatabase.user(),
                                "basicflow.db.pool.size=4",
                                "basicflow.durable.poll-interval=100ms"),
                        Stream.of(settings))
                .toArray(String[]::new);
        ChildJvm child = ChildJvm.start(WorkerMain.class, all);
        children.add(child);
        child.awaitLine(line -> line.startsWith("READY "), timeout);
        return child;
    }

    /** Starts a script with no variables; returns its execution id. */
    public String start(String name, String source) {
        return engine().start(new StartRequest(Optional.empty(), name, source, Map.of()))
                .executionId();
    }

    /** Waits until the execution satisfies the condition; fails with its events and the children's output. */
    public ExecutionView await(String id, Predicate<ExecutionView> condition, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ExecutionView view = null;
        while (System.nanoTime() < deadline) {
            view = engine().find(id).orElseThrow();
            if (condition.test(view)) {
                return view;
            }
            sleep(20);
        }
        throw new AssertionError("execution " + id + " is not " + what + " within " + timeout + ": " + view
                + "\nevents: "
                + engine().history(id, 0, 10_000).stream().map(EventView::type).toList()
                + "\nchildren's output:\n"
                + children.stream().map(ChildJvm::output).reduce("", (a, b) -> a + "\n---\n" + b));
    }

    /** Waits until the execution is in one of the statuses. */
    public ExecutionView awaitStatus(String id, ExecutionStatus... statuses) {
        Set<ExecutionStatus> wanted = Set.of(statuses);
        return await(id, view -> wanted.contains(view.status()), "in " + wanted);
    }

    /** The execution's events of one type, in order. */
    public List<EventView> events(String id, String type) {
        return engine().history(id, 0, 10_000).stream()
                .filter(event -> event.type().equals(type))
                .toList();
    }

    /** The texts of the execution's messages, in order. */
    public List<String> messages(String id) {
        return engine().messages(id, 0, 10_000, Duration.ZERO).stream()
                .map(MessageView::text)
                .toList();
    }

    /** Sleeps, keeping the interrupt. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        children.forEach(ChildJvm::close);
        api.close();
        database.close();
    }
}
