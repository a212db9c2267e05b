package io.basicflow.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Durable scripts whose writes go to a named connection (another database than the engine's) run in
 * worker JVMs killed with SIGKILL at seeded points — among them right after a write and its ledger row
 * committed in the named database and before the engine committed the step — and a last worker
 * finishes. Every table of the named database must end exactly as direct runs of the same scripts
 * leave it (no lost row; a repeated insert would break a primary key and fail its execution), and the
 * ledger must hold one row per write step.
 */
@ExtendWith(PostgresExtension.class)
class NamedConnectionCrashTest {

    static final String SCRIPT = """
            FOR i = 1 TO n
                INSERT INTO "entries" ON db WITH tag = tag, i = i, amount = i * 10
                IF i MOD 3 = 0 THEN
                    c = UPDATE "entries" ON db SET amount = i * 100, kind = "third" WHERE tag = tag AND i = i
                ELSE
                    SAVE "totals" ON db WITH id AS tag, last AS i
                END IF
                IF i MOD 4 = 0 THEN
                    SLOW NAMED INSERT db, "slow", tag + "-" + i
                END IF
            NEXT
            rows = FIND "entries" ON db WHERE tag = tag
            INSERT INTO "summary" ON db WITH id = tag, entries = LEN(rows)
            """;

    @Test
    void theNamedDatabaseEndsAsDirectRunsLeaveItAfterRepeatedKillNine(TestDatabase database) throws Exception {
        try (TestDatabase named = database.server().createEmptyDatabase("named")) {
            for (String schema : List.of("reference", "crashed")) {
                NamedWritesTest.sql(
                        named,
                        "create schema " + schema + ";"
                                + "create table " + schema + ".entries (tag text, i integer, amount integer, kind text,"
                                + " primary key (tag, i));"
                                + "create table " + schema + ".totals (id text primary key, last integer);"
                                + "create table " + schema + ".slow (id text primary key);"
                                + "create table " + schema + ".summary (id text primary key, entries integer)");
            }
            Map<String, String> configuration = new LinkedHashMap<>();
            for (String schema : List.of("reference", "crashed")) {
                configuration.put("basicflow.data.connection." + schema + ".url", named.jdbcUrl());
                configuration.put("basicflow.data.connection." + schema + ".user", named.user());
                configuration.put("basicflow.data.connection." + schema + ".schema", schema);
            }
            long seed = Long.getLong("basicflow.proof.seed", 20261207L);
            SplittableRandom random = new SplittableRandom(seed);
            int executions = 8;
            int writeSteps = 0;
            List<Map<String, Value>> inputs = new ArrayList<>();
            for (int e = 0; e < executions; e++) {
                int n = random.nextInt(10, 30);
                writeSteps += 2 * n + n / 4 + 1;
                inputs.add(Map.of("tag", new TextValue("t" + e), "n", IntegerValue.of(n)));
            }
            for (Map<String, Value> variables : inputs) {
                Map<String, Value> direct = new LinkedHashMap<>(variables);
                direct.put("db", new TextValue("reference"));
                DataEngines.assertCompleted(DataEngines.direct(
                        DataEngines.connections(database),
                        "reference-" + variables.get("tag").display() + "/start.bas",
                        SCRIPT,
                        List.of(),
                        direct,
                        configuration));
            }
            List<String> kills;
            try (DurableFixture engine = DurableFixture.builder(database)
                    .plugins(new DataPlugin(), new SlowNamedInsertPlugin())
                    .configuration(configuration)
                    .workers(false)
                    .start()) {
                List<String> ids = new ArrayList<>();
                for (Map<String, Value> variables : inputs) {
                    Map<String, Value> durable = new LinkedHashMap<>(variables);
                    durable.put("db", new TextValue("crashed"));
                    ids.add(engine.start("crashed/start.bas", "#workflow\n" + SCRIPT, durable));
                }
                kills = KillRounds.kill(
                        engine,
                        ids,
                        6,
                        round -> KillRounds.worker(database, "kill-" + round, configuration),
                        "WROTE ",
                        wrote -> "between the named commit of " + wrote + " and the step's",
                        round -> random.nextLong(50, 1500));
                KillRounds.finish(
                        engine,
                        ids,
                        KillRounds.worker(database, "last", configuration),
                        "seed " + seed + ", kills " + kills);
            }
            assertThat(kills.stream().filter(k -> k.startsWith("between")))
                    .as("kills between the two commits")
                    .hasSizeGreaterThanOrEqualTo(3);
            for (String table : List.of("entries", "totals", "slow", "summary")) {
                assertThat(NamedWritesTest.query(named, "select * from crashed." + table + " t order by t::text"))
                        .as("%s after kills %s (seed %d)", table, kills, seed)
                        .isEqualTo(NamedWritesTest.query(
                                named, "select * from reference." + table + " t order by t::text"))
                        .isNotEmpty();
            }
            for (String schema : List.of("reference", "crashed")) {
                assertThat(NamedWritesTest.query(named, "select count(*) from " + schema + ".basicflow_data_ledger"))
                        .as("ledger rows of %s: one per write step", schema)
                        .containsExactly(Integer.toString(writeSteps));
            }
        }
    }
}
