package io.basicflow.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.persistence.testing.ChildJvm;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Deferred writes under kill -9: durable scripts whose {@code SAVE}s are recorded before they are written
 * (two to one id per turn, so the order of one execution's writes shows; a third table's key changes
 * the batch) run in worker JVMs killed while steps are recorded and not yet written ({@code TEST PAUSE}
 * prints {@code PAUSED} after a deferred {@code SAVE} and sleeps before the next commit), or at a seeded
 * time. Every table must end exactly as direct runs of the same scripts leave it: no lost row, no
 * duplicate. The worker settings and the comparison are {@link DataCrashTest}'s.
 */
@ExtendWith(PostgresExtension.class)
class DeferredCrashTest {

    static final String SCRIPT = """
            FOR i = 1 TO n
                SAVE "ledger", tag + "-" + i, #{amount: i * 10, kind: "first"}
                TEST PAUSE tag + "-" + i
                SAVE "ledger", tag + "-" + i, #{amount: i * 11, kind: "second"}
                IF i MOD 5 = 0 THEN
                    SAVE "fives", tag + "-" + i, #{at: i}
                END IF
                SAVE "ledger", tag + "-last", #{amount: i, kind: "last"}
            NEXT
            SAVE "summary", tag, #{turns: n}
            """;

    @Test
    void tablesEndExactlyAsDirectRunsLeaveThemAfterKillsBetweenDeferredSteps(TestDatabase database) throws Exception {
        long seed = Long.getLong("basicflow.proof.seed", 20261207L);
        SplittableRandom random = new SplittableRandom(seed);
        List<Map<String, Value>> inputs = new ArrayList<>();
        for (int e = 0; e < 8; e++) {
            inputs.add(Map.of("tag", new TextValue("d" + e), "n", IntegerValue.of(random.nextInt(10, 30))));
        }
        for (Map<String, Value> variables : inputs) {
            DataEngines.assertCompleted(DataEngines.direct(
                    DataEngines.connections(database), "deferreference/start.bas", SCRIPT, List.of(), variables));
        }
        Map<String, String> pause = Map.of("basicflow.test.pause-ms", "150");
        List<String> kills = new ArrayList<>();
        try (DurableFixture engine = DurableFixture.builder(database)
                .plugins(new DataPlugin(), new PausePlugin())
                .workers(false)
                .start()) {
            List<String> ids = new ArrayList<>();
            for (Map<String, Value> variables : inputs) {
                ids.add(engine.start("deferkilled/start.bas", "#workflow\n" + SCRIPT, variables));
            }
            for (int round = 1; round <= 6 && !DataCrashTest.allEnded(engine, ids); round++) {
                try (ChildJvm worker = DataCrashTest.worker(database, "defer-kill-" + round, pause)) {
                    String point;
                    if (round % 2 == 1) {
                        String line = worker.awaitLine(text -> text.startsWith("PAUSED "), Duration.ofSeconds(60));
                        point = "after the deferred SAVE of " + line.substring(7);
                    } else {
                        long millis = random.nextLong(50, 1500);
                        Thread.sleep(millis);
                        point = millis + " ms after ready";
                    }
                    assertThat(worker.killHard()).isEqualTo(137);
                    kills.add(point);
                }
            }
            try (ChildJvm last = DataCrashTest.worker(database, "defer-last", Map.of())) {
                for (String id : ids) {
                    ExecutionView view = DataCrashTest.awaitEnd(engine, id);
                    assertThat(view.status())
                            .as("%s: %s (seed %d, kills %s)", id, view.error(), seed, kills)
                            .isEqualTo(ExecutionStatus.COMPLETED);
                }
                last.send("stop");
            }
        }
        assertThat(kills).as("kill points").hasSizeGreaterThanOrEqualTo(3);
        // the workers did defer: some transaction wrote several ledger rows
        assertThat(DeferredWritesTest.query(
                        database, "select count(*) > count(distinct xmin::text) from bot_deferkilled.ledger"))
                .containsExactly("t");
        for (String table : List.of("ledger", "fives", "summary")) {
            assertThat(DataEngines.rows(database, "bot_deferkilled", table))
                    .as("%s after kills %s (seed %d)", table, kills, seed)
                    .isEqualTo(DataEngines.rows(database, "bot_deferreference", table));
        }
    }
}
