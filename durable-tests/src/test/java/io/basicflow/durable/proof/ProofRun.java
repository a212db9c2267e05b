package io.basicflow.durable.proof;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.StartRequest;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.spi.value.Value;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * What one crash or fault test works with: the engine API in the test JVM (no workers of its own
 * unless asked), direct reads of the tables, the checks, the effect log folder, and the worker
 * processes it started (killed when it closes, if still alive).
 */
final class ProofRun implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    final TestDatabase database;
    final Path effects;
    final DurableFixture api;
    final DbProbe probe;
    final ProofChecks checks;
    private final List<WorkerProcess> workers = new ArrayList<>();
    private final long startedNanos = System.nanoTime();

    private ProofRun(TestDatabase database, Path effects, DurableFixture api) {
        this.database = requireNonNull(database, "database is null");
        this.effects = requireNonNull(effects, "effects is null");
        this.api = api;
        this.probe = new DbProbe(database);
        this.checks = new ProofChecks(api.engine(), api.store(), probe);
    }

    /**
     * The API only: executions run in worker processes.
     *
     * @param database the test database
     * @param effects the effect log folder
     * @return the run
     */
    static ProofRun withoutWorkers(TestDatabase database, Path effects) {
        return new ProofRun(
                database,
                effects,
                DurableFixture.builder(database)
                        .workers(false)
                        .plugins(new EffectLogPlugin(null))
                        .start());
    }

    /**
     * The API and a worker pool in the test JVM, whose effects are logged to the folder.
     *
     * @param database the test database
     * @param effects the effect log folder
     * @param builder further settings of the fixture
     * @return the run
     */
    static ProofRun inProcess(TestDatabase database, Path effects, UnaryOperator<DurableFixture.Builder> builder) {
        return new ProofRun(
                database,
                effects,
                builder.apply(DurableFixture.builder(database).plugins(new EffectLogPlugin(effects)))
                        .start());
    }

    /** Starts a worker process (closed with the run). */
    WorkerProcess worker(String node, Map<String, String> settings) {
        return worker(node, settings, List.of());
    }

    /** Starts a worker process with more JVM options (closed with the run). */
    WorkerProcess worker(String node, Map<String, String> settings, List<String> jvmOptions) {
        long before = System.nanoTime();
        WorkerProcess worker = WorkerProcess.start(database, effects, node, settings, jvmOptions);
        workers.add(worker);
        note("worker " + node + " (pid " + worker.pid() + ") ready in " + (System.nanoTime() - before) / 1_000_000
                + " ms");
        return worker;
    }

    /**
     * Prints a line about the run's progress, with the time since it started (in the test's output).
     *
     * @param what what happened
     */
    void note(String what) {
        System.out.printf("[proof %6d ms] %s%n", (System.nanoTime() - startedNanos) / 1_000_000, what);
    }

    /** Starts an execution with a caller-given id. */
    void start(String id, String source, Map<String, Value> variables) {
        api.engine().start(new StartRequest(Optional.of(id), OrderDialog.NAME, source, variables));
    }

    /** Starts an order case, delivering its inputs now if it is an early one, else when asked. */
    void start(OrderDialog.Case order, InputFeeder feeder) {
        start(order.id(), OrderDialog.SOURCE, order.variables());
        if (order.early()) {
            feeder.deliverNow(order.id(), order.inputs());
        } else {
            feeder.answerWhenAsked(order.id(), order.inputs());
        }
    }

    /** A feeder of inputs through this run's API (started; the caller closes it). */
    InputFeeder feeder() {
        return new InputFeeder(api.engine()).start();
    }

    /**
     * Acts as the operator for every case that failed with "outcome unknown" (checked first): when the
     * effect log shows that its payment ran, it cancels it (paying again would pay twice); when not,
     * it retries it. Then waits until every case ended again. Workers must be running.
     *
     * @param cases the cases
     * @param prefix their ids' prefix
     * @return what was done, one line per resolved case
     */
    List<String> resolveOutcomeUnknown(List<OrderDialog.Case> cases, String prefix) {
        settle();
        EffectLog log = log();
        List<String> resolved = new ArrayList<>();
        for (OrderDialog.Case order : cases) {
            var view = api.engine().find(order.id()).orElseThrow();
            if (view.status() != ExecutionStatus.FAILED) {
                continue;
            }
            checks.failedWithOutcomeUnknown(order.id(), OrderDialog.direct(order), log);
            boolean paid = log.startsOf(order.id()).stream()
                    .anyMatch(call -> ProofChecks.AT_MOST_ONCE.contains(call.keyword()));
            if (paid) {
                api.engine().cancel(order.id(), "the payment went through; cancelled by the operator");
            } else {
                api.engine().retry(order.id());
            }
            resolved.add(order.id() + (paid ? " cancelled (paid once)" : " retried (never paid)"));
        }
        note("operator resolved: " + resolved);
        awaitEnded(prefix);
        return resolved;
    }

    /**
     * Checks every case: completed like its direct run, or cancelled by the operator after paying
     * exactly once.
     *
     * @param cases the cases
     * @return how many completed
     */
    int checkAll(List<OrderDialog.Case> cases) {
        EffectLog log = log();
        int completed = 0;
        for (OrderDialog.Case order : cases) {
            var view = api.engine().find(order.id()).orElseThrow();
            if (view.status() == ExecutionStatus.CANCELLED) {
                assertThat(log.startsOf(order.id()).stream()
                                .filter(call -> ProofChecks.AT_MOST_ONCE.contains(call.keyword())))
                        .as("%s was cancelled because it had paid: once", order.id())
                        .hasSize(1);
                checks.replay(order.id());
            } else {
                checks.completedLikeDirect(order.id(), OrderDialog.direct(order), log);
                completed++;
            }
        }
        note(completed + " of " + cases.size() + " completed like their direct run");
        return completed;
    }

    /**
     * After a database fault, lets the API's pool replace the connections that were ended under it: a
     * pooled connection killed while idle fails its next statement once (HikariCP then evicts it), as
     * a client that retries would see.
     */
    void settle() {
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                for (int i = 0; i < 8; i++) {
                    api.engine().find("no-such-execution");
                }
                return;
            } catch (RuntimeException e) {
                sleep(Duration.ofMillis(50));
            }
        }
    }

    /** Reads the effect log now. */
    EffectLog log() {
        return EffectLog.read(effects);
    }

    /** Waits until every execution with a prefix matches. */
    void awaitAll(String prefix, Predicate<DbProbe.Row> condition, String what) {
        await(what, TIMEOUT, () -> {
            var rows = probe.rows(prefix);
            return !rows.isEmpty() && rows.values().stream().allMatch(condition);
        });
    }

    /** Waits until every execution with a prefix has ended. */
    void awaitEnded(String prefix) {
        if (!endsWithin(prefix, TIMEOUT)) {
            throw new AssertionError(
                    "not every " + prefix + " execution ended within " + TIMEOUT + "; " + describe(prefix));
        }
    }

    /**
     * Waits until every execution with a prefix has ended, noting the progress every 2 s.
     *
     * @param prefix the ids' prefix
     * @param timeout how long at most
     * @return whether they all ended
     */
    boolean endsWithin(String prefix, Duration timeout) {
        long[] nextNote = {System.nanoTime() + Duration.ofSeconds(2).toNanos()};
        try {
            await("every " + prefix + " execution ended", timeout, () -> {
                if (probe.unfinished(prefix) == 0) {
                    return true;
                }
                if (System.nanoTime() > nextNote[0]) {
                    nextNote[0] = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                    note("still running: " + probe.census(prefix));
                }
                return false;
            });
            return true;
        } catch (AssertionError e) {
            return false;
        }
    }

    /** The executions of a prefix that did not complete, with their errors, for failure messages. */
    String describe(String prefix) {
        settle();
        StringBuilder text = new StringBuilder("executions that did not complete:");
        for (DbProbe.Row row : probe.rows(prefix).values()) {
            if (!row.status().equals("COMPLETED")) {
                text.append("\n  ").append(row);
                api.engine()
                        .find(row.id())
                        .flatMap(view -> view.error())
                        .ifPresent(error -> text.append("\n    error: ").append(error));
            }
        }
        return text.toString();
    }

    /**
     * Waits for a condition, polling every few milliseconds.
     *
     * @param what the condition, for the failure message
     * @param timeout how long at most
     * @param condition the condition
     */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!holds(condition)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not true after " + timeout + ": " + what);
            }
            sleep(Duration.ofMillis(3));
        }
    }

    /** A condition that cannot be read now (the database is away) does not hold yet. */
    private static boolean holds(BooleanSupplier condition) {
        try {
            return condition.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        try {
            for (WorkerProcess worker : workers) {
                worker.close();
            }
        } finally {
            api.close();
        }
    }
}
