package io.basicflow.durable.proof;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.engine.durable.ChildScripts;
import io.basicflow.engine.durable.CompiledScripts;
import io.basicflow.engine.durable.DurableSettings;
import io.basicflow.engine.durable.EngineMetrics;
import io.basicflow.engine.durable.MessageSignals;
import io.basicflow.engine.durable.WorkerPool;
import io.basicflow.engine.event.ExecutionEvent;
import io.basicflow.engine.interpreter.Interpreter;
import io.basicflow.engine.interpreter.RuntimeCatalogue;
import io.basicflow.engine.interpreter.Sleeper;
import io.basicflow.engine.json.EngineJson;
import io.basicflow.engine.store.ClaimedExecution;
import io.basicflow.engine.store.EventStore;
import io.basicflow.persistence.JooqEventStore;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.ReplayVerification;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.spi.value.IntegerValue;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A durable loop of 100,000 iterations completes, and resuming it costs the events since its last
 * snapshot, not its history: a worker JVM runs the loop and is killed with SIGKILL deep into it; a
 * worker pool in this JVM finishes it through a store that counts what every claim reads. Every
 * claim (the one after the kill, and the one after every fair-share yield) folds fewer events than
 * the snapshot interval, while the history it resumes grows to hundreds of thousands of events.
 */
@ExtendWith({PostgresExtension.class, ReplayVerification.class})
class LongLoopResumeTest {

    private static final int SNAPSHOT_INTERVAL = 2_000;

    private static final String LOOP = """
            #workflow
            total = 0
            FOR i = 1 TO 100000
                total = total + i
                IF i MOD 25000 = 0 THEN TALK "at " + i
            NEXT
            RETURN total
            """;

    @Test
    void aLoopOfOneHundredThousandIterationsCompletesAndEveryResumeReadsOnlyTheEventsSinceTheLastSnapshot(
            TestDatabase database, @TempDir Path effects) {
        String id = "loop-100k";
        Map<String, String> settings = Map.of(
                "snapshot-interval", Integer.toString(SNAPSHOT_INTERVAL),
                "checkpoint-steps", "500",
                "checkpoint-interval", "100ms");
        try (ProofRun run = ProofRun.withoutWorkers(database, effects)) {
            WorkerProcess first = run.worker("first", settings);
            run.start(id, LOOP, Map.of());
            ProofRun.await(
                    "deep into the loop",
                    Duration.ofSeconds(120),
                    () -> run.probe.rows(id).get(id).lastSeq() > 60_000);

            first.kill();
            run.note("killed first");

            DbProbe.Row killed = run.probe.rows(id).get(id);
            assertThat(killed.status()).isIn("RUNNING", "RUNNABLE");
            assertThat(killed.lastSeq() - killed.snapshotSeq()).isLessThan(SNAPSHOT_INTERVAL);

            List<Claim> claims = new CopyOnWriteArrayList<>();
            AtomicLong otherReads = new AtomicLong();
            DurableSettings poolSettings = DurableFixture.FAST.toBuilder()
                    .nodeName("resumer")
                    .snapshotInterval(SNAPSHOT_INTERVAL)
                    .checkpointSteps(500)
                    .build();
            try (JooqEventStore real = new JooqEventStore(run.api.database())) {
                EventStore counting = counting(real, claims, otherReads);
                WorkerPool pool = pool(counting, poolSettings).start();
                try {
                    run.awaitEnded(id);
                } finally {
                    pool.close();
                }
            }
            run.note(claims.size() + " claims; their tails: "
                    + claims.stream().map(Claim::tail).toList());

            run.checks.completedLikeDirect(id, OrderDialog.direct(LOOP, id, Map.of(), List.of()), run.log());
            assertThat(run.api.engine().find(id).orElseThrow().result()).contains(IntegerValue.of(5_000_050_000L));
            assertThat(run.api.messages(id)).containsExactly("at 25000", "at 50000", "at 75000", "at 100000");
            Claim resumed = claims.getFirst();
            assertThat(resumed.tail())
                    .as("the claim after the kill folds the events after the snapshot, exactly")
                    .isEqualTo(killed.lastSeq() - killed.snapshotSeq());
            assertThat(resumed.history()).as("…of a history of").isEqualTo(killed.lastSeq());
            assertThat(claims)
                    .as("every resume of the loop (after the kill and after each yield)")
                    .hasSizeGreaterThan(3)
                    .allSatisfy(claim -> assertThat(claim.tail()).isLessThan(SNAPSHOT_INTERVAL));
            assertThat(claims.getLast().history()).isGreaterThan(30L * SNAPSHOT_INTERVAL);
            assertThat(otherReads)
                    .as("events read by the workers outside claims")
                    .hasValue(0);
        }
    }

    /** What one claim of the execution read: the events after its snapshot, and its whole history's length. */
    private record Claim(long tail, long history) {}

    /**
     * The store, counting what claims read (a dynamic proxy, so that it keeps delegating every method
     * when the port grows).
     */
    private static EventStore counting(EventStore real, List<Claim> claims, AtomicLong otherReads) {
        return (EventStore) Proxy.newProxyInstance(
                EventStore.class.getClassLoader(), new Class<?>[] {EventStore.class}, (proxy, method, arguments) -> {
                    Object result;
                    try {
                        result = method.invoke(real, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("claim")) {
                        for (Object claimed : (List<?>) result) {
                            ClaimedExecution execution = (ClaimedExecution) claimed;
                            // a commit's events are one row (EventsPacked): count the events it holds
                            long events = execution.tail().stream()
                                    .mapToLong(stored -> ExecutionEvent.unpacked(EngineJson.readEvent(stored.json()))
                                            .size())
                                    .sum();
                            claims.add(new Claim(events, execution.snapshotSeq() + events));
                        }
                    } else if (method.getName().equals("events")) {
                        otherReads.addAndGet(((List<?>) result).size());
                    }
                    return result;
                });
    }

    private static WorkerPool pool(EventStore store, DurableSettings settings) {
        KeywordCatalogue catalogue = KeywordCatalogue.of(new CorePlugin(), new EffectLogPlugin(null));
        Clock clock = Clock.systemUTC();
        Interpreter interpreter = new Interpreter(
                RuntimeCatalogue.from(catalogue, Map.of(), clock), clock, ThreadLocalRandom.current(), Sleeper.SYSTEM);
        return new WorkerPool(
                store,
                interpreter,
                new CompiledScripts(new ScriptService(catalogue), store, 100),
                ChildScripts.NONE,
                settings,
                clock,
                EngineMetrics.NONE,
                new MessageSignals());
    }
}
