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
 * Durable scripts that SAVE, UPDATE, INSERT and MERGE in loops and branches run in worker JVMs killed
 * with SIGKILL again and again, at seeded points: right after a data handler wrote and before its
 * step committed ({@code SLOW SAVE} prints {@code WROTE} and then holds the transaction open), or at
 * a seeded time. A last worker finishes; then every table must be exactly what direct runs of the
 * same scripts and inputs leave: no lost row, no duplicate.
 */
@ExtendWith(PostgresExtension.class)
class DataCrashTest {

    static final String SCRIPT = """
            FOR i = 1 TO n
                SAVE "ledger", tag + "-" + i, #{amount: i * 10, kind: "initial"}
                IF i MOD 3 = 0 THEN
                    c = UPDATE "ledger", "id = '" + tag + "-" + i + "'", #{kind: "third", amount: i * 100}
                ELSE
                    e = INSERT "events", #{tag: tag, i: i}
                END IF
                MERGE "totals", #{tag: tag, last: i}, "tag"
                IF i MOD 4 = 0 THEN
                    SLOW SAVE "slow", tag + "-" + i
                END IF
            NEXT
            all = FIND "events", "tag = '" + tag + "'"
            SAVE "summary", tag, #{events: LEN(all)}
            """;

    @Test
    void tablesEndExactlyAsDirectRunsLeaveThemAfterRepeatedKillNine(TestDatabase database) throws Exception {
        long seed = Long.getLong("basicflow.proof.seed", 20261206L);
        SplittableRandom random = new SplittableRandom(seed);
        int executions = 10;
        List<Map<String, Value>> inputs = new ArrayList<>();
        for (int e = 0; e < executions; e++) {
            inputs.add(Map.of("tag", new TextValue("t" + e), "n", IntegerValue.of(random.nextInt(12, 40))));
        }
        for (Map<String, Value> variables : inputs) {
            DataEngines.Run run = DataEngines.direct(
                    DataEngines.connections(database), "reference/start.bas", SCRIPT, List.of(), variables);
            DataEngines.assertCompleted(run);
        }
        List<String> kills;
        try (DurableFixture engine = DurableFixture.builder(database)
                .plugins(new DataPlugin(), new SlowSavePlugin())
                .workers(false)
                .start()) {
            List<String> ids = new ArrayList<>();
            for (Map<String, Value> variables : inputs) {
                ids.add(engine.start("crashed/start.bas", "#workflow\n" + SCRIPT, variables));
            }
            kills = KillRounds.kill(
                    engine,
                    ids,
                    6,
                    round -> KillRounds.worker(database, "kill-" + round, Map.of()),
                    "WROTE ",
                    wrote -> "between the write of " + wrote + " and its commit",
                    round -> random.nextLong(50, 1500));
            KillRounds.finish(
                    engine, ids, KillRounds.worker(database, "last", Map.of()), "seed " + seed + ", kills " + kills);
        }
        assertThat(kills).as("kill points").hasSizeGreaterThanOrEqualTo(3);
        for (String table : List.of("ledger", "summary", "slow")) {
            assertThat(DataEngines.rows(database, "bot_crashed", table))
                    .as("%s after kills %s (seed %d)", table, kills, seed)
                    .isEqualTo(DataEngines.rows(database, "bot_reference", table));
        }
        // Generated ids differ (concurrent executions interleave; a rolled-back insert uses up sequence
        // numbers): compare the rest.
        for (String table : List.of("events", "totals")) {
            assertThat(sorted(DataEngines.rows(database, "bot_crashed", table, "id")))
                    .as("%s after kills %s (seed %d)", table, kills, seed)
                    .isEqualTo(sorted(DataEngines.rows(database, "bot_reference", table, "id")));
        }
        assertThat(DataEngines.rows(database, "bot_crashed", "slow")).isNotEmpty();
    }

    private static List<String> sorted(List<String> rows) {
        return rows.stream().sorted().toList();
    }
}
