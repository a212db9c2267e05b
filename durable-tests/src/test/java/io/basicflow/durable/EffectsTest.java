package io.basicflow.durable;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.EventView;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.persistence.testing.CountingPlugin;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.ReplayVerification;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.TextValue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Effects: one call per step with the key {@code executionId/seq}, the handler outside any
 * transaction, retries that park instead of holding a thread, failures recorded, and what happens to
 * a handler that was running when its node died: called again for an idempotent keyword, "outcome
 * unknown" for an at-most-once one.
 */
@ExtendWith({PostgresExtension.class, ReplayVerification.class})
class EffectsTest {

    @Test
    void eachEffectRunsOnceWithItsIdempotencyKey(TestDatabase database) {
        CountingPlugin plugin = new CountingPlugin();
        try (DurableFixture engine =
                DurableFixture.builder(database).plugins(plugin).start()) {
            String id = engine.start("#workflow\na = PING(1)\nTALK \"between\"\nb = PING(a + 1)\nRETURN a + b\n");

            ExecutionView done = engine.awaitStatus(id, ExecutionStatus.COMPLETED);

            assertThat(done.result()).contains(IntegerValue.of(3));
            List<Invocation> calls = plugin.callsOfKeyword("PING");
            assertThat(calls).extracting(Invocation::idempotencyKey).containsExactly(id + "/2", id + "/5");
            assertThat(calls)
                    .allSatisfy(call ->
                            assertThat(plugin.callsOf(call.idempotencyKey())).isEqualTo(1));
            assertThat(types(engine, id))
                    .containsExactly(
                            "ExecutionStarted",
                            "EffectStarted",
                            "EffectCompleted",
                            "MessageSent",
                            "EffectStarted",
                            "EffectCompleted",
                            "ExecutionCompleted");
        }
    }

    @Test
    void theCommitsAroundEffectsOnlyAppendEventsAndLeaveTheRowAsItIs(TestDatabase database) throws SQLException {
        CountingPlugin plugin = new CountingPlugin();
        try (DurableFixture engine =
                DurableFixture.builder(database).plugins(plugin).start()) {
            // Each PING is committed before it runs and after: 40 commits in one activation. All but the
            // last are light (no row update); every commit that changes the row bumps its version.
            String id = engine.start("#workflow\nn = 0\nFOR i = 1 TO 20\n  p = PING(i)\n  n = n + p\nNEXT\nRETURN n\n");

            ExecutionView done = engine.awaitStatus(id, ExecutionStatus.COMPLETED);

            assertThat(done.result()).contains(IntegerValue.of(210));
            assertThat(plugin.callsOfKeyword("PING")).hasSize(20);
            long version = single(database, "select version from workflow_executions where id = ?", id);
            long commits = single(
                    database, "select count(distinct xmin::text) from workflow_events where execution_id = ?", id);
            assertThat(commits).as("commits that appended events").isGreaterThanOrEqualTo(21);
            assertThat(version)
                    .as("row updates: the claim and the final commit")
                    .isLessThanOrEqualTo(4);
            // and the row is exact again once the execution ended
            assertThat(single(database, "select last_seq from workflow_executions where id = ?", id))
                    .isEqualTo(single(
                            database,
                            "select max(seq + case when type = 'EventsPacked'"
                                    + " then json_array_length(payload -> 'events') - 1 else 0 end)"
                                    + " from workflow_events where execution_id = ?",
                            id));
        }
    }

    private static long single(TestDatabase database, String sql, String id) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, id);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @Test
    void theHandlerRunsAfterItsStartIsCommittedAndOutsideAnyTransaction(TestDatabase database) throws SQLException {
        CountingPlugin plugin = new CountingPlugin();
        try (DurableFixture engine =
                DurableFixture.builder(database).plugins(plugin).start()) {
            String id = engine.start("#workflow\nTALK \"going\"\nBLOCK \"outside\"\nTALK \"back\"\n");
            plugin.awaitBlocked("outside");

            assertThat(types(engine, id)).endsWith("MessageSent", "EffectStarted");
            assertThat(engine.messages(id)).containsExactly("going");
            assertThat(sessionsInTransaction(database)).isEmpty();

            plugin.release("outside");
            engine.awaitStatus(id, ExecutionStatus.COMPLETED);
            assertThat(engine.messages(id)).containsExactly("going", "back");
        }
    }

    @Test
    void aRetryWaitsForItsBackoffWithoutAThread(TestDatabase database) {
        CountingPlugin plugin = new CountingPlugin();
        try (DurableFixture engine =
                DurableFixture.builder(database).plugins(plugin).start()) {
            String id = engine.start("#workflow\nr = FLAKY(2)\nRETURN r\n");

            engine.await(
                    id,
                    view -> view.status() == ExecutionStatus.WAITING_TIMER
                            && view.waitingFor().orElse("").startsWith("FLAKY retry"),
                    "waiting to retry FLAKY");
            ExecutionView done = engine.awaitStatus(id, ExecutionStatus.COMPLETED);

            assertThat(done.result()).contains(IntegerValue.of(3));
            List<Invocation> calls = plugin.callsOfKeyword("FLAKY");
            assertThat(calls).extracting(Invocation::attempt).containsExactly(1, 2, 3);
            assertThat(calls).extracting(Invocation::idempotencyKey).containsOnly(id + "/2");
            assertThat(types(engine, id))
                    .containsSubsequence(
                            "EffectFailed", "EffectStarted", "EffectFailed", "EffectStarted", "EffectCompleted");
        }
    }

    @Test
    void aFailedEffectFailsTheExecutionWithTheErrorRecorded(TestDatabase database) {
        CountingPlugin plugin = new CountingPlugin();
        try (DurableFixture engine =
                DurableFixture.builder(database).plugins(plugin).start()) {
            String id = engine.start(
                    "workflow.bas",
                    "#workflow\nTALK \"one\"\nBREAK \"the disk is full\"\nTALK \"two\"\n",
                    java.util.Map.of());

            ExecutionView failed = engine.awaitStatus(id, ExecutionStatus.FAILED);

            assertThat(failed.error()).hasValueSatisfying(error -> {
                assertThat(error.message()).isEqualTo("workflow.bas:3:1: BREAK failed: the disk is full");
                assertThat(error.line()).isEqualTo(3);
                assertThat(error.keyword()).contains("BREAK");
            });
            assertThat(engine.messages(id)).containsExactly("one");
            assertThat(types(engine, id)).endsWith("EffectFailed", "ExecutionFailed");
        }
    }

    @Test
    void anIdempotentHandlerInterruptedByACrashRunsAgainWithItsKey(TestDatabase database) {
        CountingPlugin plugin = new CountingPlugin();
        try (DurableFixture engine =
                DurableFixture.builder(database).plugins(plugin).start()) {
            String id = engine.start("#workflow\nBLOCK \"crash\"\nTALK \"done\"\n");
            plugin.awaitBlocked("crash");

            engine.workers().abandon();
            plugin.release("crash");
            engine.startPool(
                    DurableFixture.FAST.toBuilder().nodeName("survivor").build());

            engine.awaitStatus(id, ExecutionStatus.COMPLETED);
            List<Invocation> calls = plugin.callsOfKeyword("BLOCK");
            assertThat(calls).extracting(Invocation::idempotencyKey).containsOnly(id + "/2");
            assertThat(calls).extracting(Invocation::attempt).containsExactly(1, 2);
            assertThat(engine.messages(id)).containsExactly("done");
        }
    }

    @Test
    void anAtMostOnceHandlerInterruptedByACrashFailsWithOutcomeUnknown(TestDatabase database) {
        CountingPlugin plugin = new CountingPlugin();
        try (DurableFixture engine =
                DurableFixture.builder(database).plugins(plugin).start()) {
            String id = engine.start("#workflow\nHOLD \"payment\"\nTALK \"paid\"\n");
            plugin.awaitBlocked("payment");

            engine.workers().abandon();
            plugin.release("payment");
            engine.startPool(
                    DurableFixture.FAST.toBuilder().nodeName("survivor").build());

            ExecutionView failed = engine.awaitStatus(id, ExecutionStatus.FAILED);
            assertThat(failed.error().orElseThrow().message()).contains("HOLD: outcome unknown");
            assertThat(plugin.callsOfKeyword("HOLD")).hasSize(1);
            assertThat(engine.messages(id)).isEmpty();
            assertThat(failed.variables()).doesNotContainValue(new TextValue("paid"));
        }
    }

    private static List<String> types(DurableFixture engine, String id) {
        return engine.engine().history(id, 0, 1000).stream()
                .map(EventView::type)
                .toList();
    }

    /**
     * The transactions that stay open through five looks 100 ms apart while the handler is blocked: the
     * engine's other sessions (a claim, a poll) may be between two statements at any one instant, but a
     * transaction around the blocked handler would be open at every look.
     */
    private static Set<String> sessionsInTransaction(TestDatabase database) throws SQLException {
        Set<String> open = null;
        for (int look = 0; look < 5; look++) {
            Set<String> now = new HashSet<>();
            try (Connection connection = database.dataSource().getConnection();
                    PreparedStatement query = connection.prepareStatement(
                            "select pid, xact_start from pg_stat_activity where datname = current_database()"
                                    + " and state like 'idle in transaction%'");
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    now.add(rows.getInt(1) + "@" + rows.getTimestamp(2));
                }
            }
            if (open == null) {
                open = now;
            } else {
                open.retainAll(now);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return open;
    }
}
