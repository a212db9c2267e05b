package io.basicflow.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.engine.schedule.Scheduler;
import io.basicflow.persistence.JdbcScheduleStore;
import io.basicflow.persistence.testing.ChildJvm;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A table trigger under {@code kill -9}: a durable script inserts rows in a loop in worker JVMs killed
 * between a row's write and its step's commit (the change and its queued start roll back together, and
 * the resumed step writes the row again) and at seeded times; no scheduler runs meanwhile, so every
 * committed change waits as a queued start. Then the scheduler starts them, twice over: each row's handler
 * ran exactly once.
 */
@ExtendWith(PostgresExtension.class)
class RowTriggerCrashTest {

    @Test
    void eachCommittedRowStartsItsHandlerExactlyOnceAcrossKillNine(TestDatabase database) throws Exception {
        int rows = 12;
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
                Statement ddl = connection.createStatement()) {
            ddl.execute("create schema bot_crashrows");
            ddl.execute("create table bot_crashrows.slow (id text primary key)");
        }
        List<String> kills;
        try (DurableFixture engine = DurableFixture.builder(database)
                .plugins(new DataPlugin(), new SlowSavePlugin())
                .workers(false)
                .start()) {
            JdbcScheduleStore store = new JdbcScheduleStore(engine.database());
            assertThat(store.deployRowHandlers(RowTriggersTest.handlers(
                            "crashrows/watch.bas", "ON INSERT OF \"slow\"\n  TALK \"row \" + params.new.id\nEND ON\n")))
                    .isEmpty();
            String writer = engine.start(
                    "crashrows/start.bas",
                    "#workflow\nFOR i = 1 TO " + rows + "\n  SLOW SAVE \"slow\", \"r\" + i\nNEXT\n",
                    Map.of());
            kills = KillRounds.kill(
                    engine,
                    List.of(writer),
                    4,
                    round -> KillRounds.worker(database, "kill-" + round, Map.of()),
                    "WROTE ",
                    wrote -> "between the write of " + wrote + " and its commit",
                    round -> 400L * round);
            assertThat(kills).hasSize(4);
            try (ChildJvm last = KillRounds.worker(database, "last", Map.of())) {
                assertThat(KillRounds.awaitEnd(engine, writer).status()).isEqualTo(ExecutionStatus.COMPLETED);
                assertThat(RowTriggersTest.started(database, "crashrows", "slow"))
                        .as("no scheduler ran: the starts wait")
                        .isEmpty();

                Scheduler scheduler =
                        new Scheduler(store, engine.engine(), ZoneOffset.UTC, Duration.ofMinutes(1), Clock.systemUTC());
                scheduler.poll();
                scheduler.poll();
                List<String> started = RowTriggersTest.started(database, "crashrows", "slow");
                List<String> said = new ArrayList<>();
                for (String id : started) {
                    ExecutionView view = KillRounds.awaitEnd(engine, id);
                    assertThat(view.status()).as("%s: %s", id, view.error()).isEqualTo(ExecutionStatus.COMPLETED);
                    said.addAll(engine.messages(id));
                }
                assertThat(said)
                        .as("after kills %s", kills)
                        .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, rows)
                                .mapToObj(i -> "row r" + i)
                                .toList());
                last.send("stop");
            }
        }
    }
}
