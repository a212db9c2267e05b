package io.basicflow.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.store.ClaimedExecution;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A child's end and its parent's claim: the wake of a parent that is runnable already (another child
 * woke it; no worker claimed it yet) must keep it from being claimed until the child's end is
 * visible, or the parent reads that child as still running and parks for good.
 */
@ExtendWith(PostgresExtension.class)
class ParentWakeTest {

    private static final Duration LEASE = Duration.ofSeconds(30);

    @Test
    void aRunnableParentIsNotClaimedWhileAChildsEndThatWakesItIsUncommitted(TestDatabase testDatabase)
            throws Exception {
        try (Database database = testDatabase.startDatabase()) {
            JooqEventStore store = new JooqEventStore(database);
            Executions.insertRunnable(database, "wake-parent");
            long inboxBefore = store.find("wake-parent").orElseThrow().inboxVersion();

            try (Connection child = database.dataSource().getConnection()) {
                child.setAutoCommit(false);
                // the child's commit: its end and the wake of its parent, not committed yet
                int marked = new ExecutionRepository(DSL.using(child, SQLDialect.POSTGRES))
                        .wakeParents(List.of("wake-parent"), Instant.now());
                assertThat(marked).as("the runnable parent is marked").isEqualTo(1);

                List<ClaimedExecution> during =
                        store.claim("worker", 10, Instant.now().plusSeconds(1), LEASE);
                assertThat(during)
                        .extracting(ClaimedExecution::id)
                        .as("claimed while the child's end is not visible")
                        .doesNotContain("wake-parent");

                child.commit();
            }

            // once the child's end is visible the parent is claimable again, and its claim sees the wake,
            // so that a park that missed the child turns it runnable again
            var row = store.find("wake-parent").orElseThrow();
            assertThat(row.status()).isEqualTo(io.basicflow.engine.api.ExecutionStatus.RUNNABLE);
            assertThat(row.inboxVersion()).isGreaterThan(inboxBefore);
        }
    }
}
