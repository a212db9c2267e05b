package io.basicflow.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.spi.value.IntegerValue;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A group of transactional commits is first written with no savepoints; when one write fails, the
 * group's transaction is rolled back and written again with a savepoint per write. Many executions
 * save at once (so their steps share group commits), some of them a row PostgreSQL refuses: each such
 * write fails its own execution only, and every other row is written exactly once.
 */
@ExtendWith(PostgresExtension.class)
class OptimisticGroupTest {

    private static final int EXECUTIONS = 40;
    private static final int SAVES = 12;

    /** Execution {@code x} saves {@code SAVES} rows; when {@code x} is a multiple of 4, its 6th is a text in a number column. */
    private static final String SCRIPT = """
            SAVE "grouped", "seed-" + x, #{n: 0, x: x}
            FOR i = 1 TO %d
                IF i = 6 AND x MOD 4 = 0 THEN
                    SAVE "grouped", "bad-" + x, #{n: "not a number", x: x}
                END IF
                SAVE "grouped", "r-" + x + "-" + i, #{n: i, x: x}
            NEXT
            TALK "done " + x
            """.formatted(SAVES);

    @Test
    void aFailingWriteFailsOnlyItsOwnExecutionAndTheGroupsOtherWritesHappenOnce(TestDatabase database)
            throws Exception {
        Map<Integer, ExecutionView> ends = new LinkedHashMap<>();
        try (DurableFixture engine = DataEngines.fixture(database)) {
            // the table and its number column exist before the executions race
            String first = engine.start("grouped/start.bas", "#workflow\n" + SCRIPT, Map.of("x", IntegerValue.of(1)));
            assertThat(engine.awaitStatus(first, ExecutionStatus.COMPLETED, ExecutionStatus.FAILED)
                            .status())
                    .isEqualTo(ExecutionStatus.COMPLETED);
            List<String> ids = new ArrayList<>();
            for (int x = 100; x < 100 + EXECUTIONS; x++) {
                ids.add(engine.start("grouped/start.bas", "#workflow\n" + SCRIPT, Map.of("x", IntegerValue.of(x))));
            }
            for (int i = 0; i < ids.size(); i++) {
                ends.put(100 + i, engine.awaitStatus(ids.get(i), ExecutionStatus.COMPLETED, ExecutionStatus.FAILED));
            }
        }
        for (Map.Entry<Integer, ExecutionView> end : ends.entrySet()) {
            int x = end.getKey();
            ExecutionView view = end.getValue();
            if (x % 4 == 0) {
                assertThat(view.status()).as("execution %d", x).isEqualTo(ExecutionStatus.FAILED);
                assertThat(view.error().orElseThrow().message())
                        .as("execution %d", x)
                        .contains("SAVE")
                        .contains("not a number");
                // the seed and the five rows before the refused one, each once; no bad row
                assertThat(rowsOf(database, x)).as("execution %d", x).isEqualTo(6);
            } else {
                assertThat(view.status())
                        .as("execution %d: %s", x, view.error())
                        .isEqualTo(ExecutionStatus.COMPLETED);
                assertThat(rowsOf(database, x)).as("execution %d", x).isEqualTo(1 + SAVES);
            }
        }
        assertThat(count(database, "select count(*) from bot_grouped.grouped where id like 'bad-%'"))
                .isZero();
    }

    private static long rowsOf(TestDatabase database, int x) throws Exception {
        return count(database, "select count(*) from bot_grouped.grouped where x = " + x);
    }

    private static long count(TestDatabase database, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
