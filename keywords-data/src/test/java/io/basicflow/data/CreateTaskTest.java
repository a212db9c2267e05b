package io.basicflow.data;

import static io.basicflow.data.DataEngines.assertCompleted;
import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.ScriptRun;
import io.basicflow.testkit.StepMatcher;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code CREATE TASK} (the page's five arguments) and {@code CREATE_TASK} (the corpus's three): a row
 * of the bot's table {@code tasks}, the same in a direct and a durable run, written once across a
 * crash.
 */
@ExtendWith(PostgresExtension.class)
class CreateTaskTest {

    /** The page's examples in our own words: a plain task, one per team member, the corpus's form. */
    static final String TEAM = """
            t = CREATE TASK "Review proposal", "Feedback on the Q4 proposal", "john@example.com", "2024-01-15", "high"
            TALK "Task " + t.task_id + ": " + t.title + " for " + t.assignee + " by " + t.due_date + " (" + t.priority + ", " + t.status + ")"
            team = ["alice@example.com", "bob@example.com"]
            FOR EACH member IN team
              CREATE TASK "Complete training", "Security awareness", member, "", "medium"
            NEXT
            CREATE_TASK "Reorder paper", "critical", "purchasing"
            open = FIND "tasks", "priority=critical"
            TALK open[0].title + " goes to " + open[0].assignee + ", no description: " + ISNULL(open[0].description)
            all = FIND "tasks"
            TALK LEN(all) + " tasks"
            """;

    static final List<String> SAID = List.of(
            "Task 1: Review proposal for john@example.com by 2024-01-15 (high, created)",
            "Reorder paper goes to purchasing, no description: true",
            "4 tasks");

    @Test
    void directAndDurableRunsWriteTheSameTasks(TestDatabase database) throws Exception {
        DataEngines.Run direct = DataEngines.direct(database, "officed/start.bas", TEAM, List.of());
        assertCompleted(direct);
        assertThat(direct.messages()).containsExactlyElementsOf(SAID);
        try (DurableFixture engine = DurableFixture.builder(database)
                .plugins(new DataPlugin(), new TasksPlugin())
                .start()) {
            DataEngines.Run durable = DataEngines.durable(engine, "office/start.bas", TEAM, Map.of());
            assertCompleted(durable);
            assertThat(durable.messages()).containsExactlyElementsOf(SAID);
        }
        List<String> durableRows = rows(database, "bot_office");
        assertThat(durableRows)
                .containsExactly(
                        "1|Review proposal|Feedback on the Q4 proposal|john@example.com|2024-01-15|high|created",
                        "2|Complete training|Security awareness|alice@example.com|null|medium|created",
                        "3|Complete training|Security awareness|bob@example.com|null|medium|created",
                        "4|Reorder paper|null|purchasing|null|critical|created");
        assertThat(rows(database, "bot_officed")).isEqualTo(durableRows);
    }

    private static List<String> rows(TestDatabase database, String schema) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select id, title, description, assignee, due_date, priority,"
                        + " status from " + schema + ".tasks order by id")) {
            List<String> out = new java.util.ArrayList<>();
            while (rows.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= 7; i++) {
                    row.append(i == 1 ? "" : "|").append(rows.getString(i));
                }
                out.add(row.toString());
            }
            return out;
        }
    }

    @Test
    void relativeDueDatesCountFromTheStepsClock(TestDatabase database) {
        String source = """
                a = CREATE TASK "a", "", "ana", "tomorrow", "low"
                b = CREATE TASK "b", "", "ana", "next week"
                c = CREATE TASK "c", "", "ana", "in 3 days", "urgent"
                d = CREATE TASK "d", "", "ana", "Friday"
                e = CREATE TASK "e", "", "ana", "end of month"
                f = CREATE TASK "f", "", "ana", "01/15/2027"
                TALK a.due_date + " " + b.due_date + " " + b.priority + " " + c.due_date + " " + d.due_date + " " + e.due_date + " " + f.due_date
                """;
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        DataEngines.Run run = DataEngines.direct(database, "dates/start.bas", source, List.of());
        assertCompleted(run);
        assertThat(run.messages())
                .containsExactly(today.plusDays(1) + " " + today.plusWeeks(1) + " medium " + today.plusDays(3) + " "
                        + today.with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.FRIDAY)) + " "
                        + today.with(java.time.temporal.TemporalAdjusters.lastDayOfMonth()) + " 2027-01-15");
    }

    @Test
    void aBadPriorityOrDateFailsTheStepSayingWhatItTakes(TestDatabase database) {
        DataEngines.Run priority = DataEngines.direct(
                database, "bad/start.bas", "CREATE TASK \"x\", \"d\", \"ana\", \"today\", \"asap\"\n", List.of());
        assertThat(priority.outcome())
                .startsWith("FAILED")
                .contains("the priority 'asap' is not one of low, medium, high, urgent, critical");
        DataEngines.Run date = DataEngines.direct(
                database, "bad/start.bas", "CREATE TASK \"x\", \"d\", \"ana\", \"someday\", \"low\"\n", List.of());
        assertThat(date.outcome()).startsWith("FAILED").contains("the due date 'someday' is not a date");
        DataEngines.Run table = DataEngines.direct(
                database, "own/start.bas", "INSERT \"tasks\", #{name: \"mine\"}\nCREATE TASK \"x\"\n", List.of());
        assertThat(table.outcome()).startsWith("FAILED").contains("bot_own.tasks is a table of the bot's own");
    }

    @Test
    void aCrashAfterTheTaskIsWrittenDoesNotWriteItAgain() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);
        try (BasicflowTestKit kit = BasicflowTestKit.withPlugins(new DataPlugin(), new TasksPlugin())
                .clock(clock)) {
            // the first crash dies right after the task's commit, the second before the loop's next task commits
            kit.crashAt(StepMatcher.effectCompleted("CREATE_TASK"));
            kit.crashAt(StepMatcher.effectStarted("CREATE TASK"));
            ScriptRun run = kit.run("erp/jobs.bas", """
                    #workflow
                    FOR i = 1 TO 3
                      CREATE_TASK "Follow up on PO " + i, "medium", "buyer"
                    NEXT
                    t = CREATE TASK "Review", "", "ana", "tomorrow", "high"
                    TALK "last task " + t.task_id + " due " + t.due_date
                    """);
            run.awaitStatus(ExecutionStatus.COMPLETED);
            assertThat(kit.crashes()).isEqualTo(2);
            assertThat(run.messages()).containsExactly("last task 4 due 2026-03-03");
            try (Connection connection = DriverManager.getConnection(kit.jdbcUrl(), "postgres", "");
                    Statement statement = connection.createStatement();
                    ResultSet rows =
                            statement.executeQuery("select string_agg(title, ', ' order by id) from bot_erp.tasks")) {
                rows.next();
                assertThat(rows.getString(1))
                        .isEqualTo("Follow up on PO 1, Follow up on PO 2, Follow up on PO 3, Review");
            }
        }
    }

    @Test
    void theSameStepRunTwiceFindsItsFirstTaskInsteadOfAddingOne(TestDatabase database) throws Exception {
        io.basicflow.spi.ExecutionScope scope =
                new io.basicflow.spi.ExecutionScope("twice/start.bas", "twice", "ana", "exec-1");
        Map<String, io.basicflow.spi.value.Value> arguments = Map.of(
                "title", new io.basicflow.spi.value.TextValue("Count stock"),
                "description", new io.basicflow.spi.value.TextValue("HIGH"),
                "assignee", new io.basicflow.spi.value.TextValue("warehouse"));
        io.basicflow.spi.InvocationContext context =
                DataEngines.context(io.basicflow.spi.PluginConfiguration.empty("tasks"));
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), "")) {
            io.basicflow.spi.value.Value first = TasksPlugin.create(
                    new io.basicflow.spi.Invocation("CREATE_TASK", arguments, "exec-1/7", "exec-1", 1, context),
                    scope,
                    connection);
            io.basicflow.spi.value.Value again = TasksPlugin.create(
                    new io.basicflow.spi.Invocation("CREATE_TASK", arguments, "exec-1/7", "exec-1", 2, context),
                    scope,
                    connection);
            io.basicflow.spi.value.Value next = TasksPlugin.create(
                    new io.basicflow.spi.Invocation("CREATE_TASK", arguments, "exec-1/9", "exec-1", 1, context),
                    scope,
                    connection);
            assertThat(again).isEqualTo(first);
            assertThat(first.display())
                    .contains("\"task_id\":1,")
                    .contains("\"priority\":\"high\"")
                    .contains("\"assignee\":\"warehouse\"");
            assertThat(next.display()).contains("\"task_id\":2,");
        }
        assertThat(rows(database, "bot_twice")).hasSize(2);
    }
}
