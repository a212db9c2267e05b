package io.basicflow.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
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
 * duplicate. The kill rounds are {@link KillRounds}', the comparison is {@link DataCrashTest}'s.
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
        List<String> kills;
        try (DurableFixture engine = DurableFixture.builder(database)
                .plugins(new DataPlugin(), new PausePlugin())
                .workers(false)
                .start()) {
            List<String> ids = new ArrayList<>();
            for (Map<String, Value> variables : inputs) {
                ids.add(engine.start("deferkilled/start.bas", "#workflow\n" + SCRIPT, variables));
            }
            kills = KillRounds.kill(
                    engine,
                    ids,
                    6,
                    round -> KillRounds.worker(database, "defer-kill-" + round, pause),
                    "PAUSED ",
                    paused -> "after the deferred SAVE of " + paused,
                    round -> random.nextLong(50, 1500));
            KillRounds.finish(
                    engine,
                    ids,
                    KillRounds.worker(database, "defer-last", Map.of()),
                    "seed " + seed + ", kills " + kills);
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
