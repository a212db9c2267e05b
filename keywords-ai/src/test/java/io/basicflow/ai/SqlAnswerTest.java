package io.basicflow.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.data.DataPlugin;
import io.basicflow.engine.api.EventView;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ANSWER} in {@code "sql"} mode on real bot tables: the model (a local fake speaking the OpenAI
 * protocol) only writes a JSON plan; the data plugin checks it and runs it read-only; a refused plan is
 * sent back once with the reason; nothing a plan names outside the bot's tables ever runs.
 */
@ExtendWith(PostgresExtension.class)
class SqlAnswerTest {

    private static void orders(TestDatabase database, String bot) {
        AnswerRuns.sql(
                database,
                "create schema if not exists bot_" + bot,
                "create table bot_" + bot
                        + ".orders (id serial primary key, customer text, total numeric, status text)",
                "insert into bot_" + bot + ".orders (customer, total, status) values ('Ana', 120, 'paid'),"
                        + " ('Bruno', 80, 'open'), ('Cid', 300, 'paid'), ('Dora', 50, 'paid'), ('Ana', 40, 'paid')",
                "create schema if not exists bot_rival",
                "create table if not exists bot_rival.secrets (id serial primary key, secret text)",
                "insert into bot_rival.secrets (secret) select 'the rival''s password'"
                        + " where not exists (select 1 from bot_rival.secrets)");
    }

    private static final String LIST = """
            SET ANSWER MODE "sql"
            list = ANSWER "The two largest paid orders"
            FOR EACH row IN list
                TALK row.customer + " " + row.total
            NEXT
            """;

    private static final String LARGEST_PAID = """
            {"table": "orders", "columns": ["customer", "total"], "filter": "status = 'paid'",
             "order_by": ["total desc"], "limit": 2, "aggregate": null, "group_by": null, "reply": "rows"}""";

    @Test
    void theModelsPlanRunsOnTheBotsTableAndTheRowsAreTheAnswer(TestDatabase database) {
        orders(database, "shop");
        try (FakeModelServer server = FakeModelServer.start()) {
            server.answer("```json\n" + LARGEST_PAID + "\n```");

            List<String> said = AnswerRuns.direct(database, Scripts.settings(server), "shop/report.bas", LIST);

            assertThat(said).containsExactly("Cid 300", "Ana 120", "completed");
            assertThat(server.requests()).hasSize(1);
            List<String> asked = FakeModelServer.messages(server.requests().getFirst());
            assertThat(asked.getFirst())
                    .startsWith("system: You answer questions about a bot's data by writing a query plan, never SQL.")
                    .contains("- limit: at most 100.")
                    .contains(
                            "Tables (column type, ...):\n- orders: id int4, customer text, total numeric, status text")
                    .doesNotContain("secrets");
            assertThat(asked.get(1)).isEqualTo("user: The two largest paid orders");
        }
    }

    @Test
    void aQuestionAskingForProseGetsTheFigureAndGroupsAreRankedByTheirAggregate(TestDatabase database) {
        orders(database, "figures");
        try (FakeModelServer server = FakeModelServer.start()) {
            server.answer("{\"table\": \"orders\", \"filter\": \"status = 'paid'\","
                            + " \"aggregate\": {\"function\": \"count\", \"column\": null}, \"reply\": \"text\"}")
                    .answer("{\"table\": \"orders\", \"aggregate\": {\"function\": \"sum\", \"column\": \"total\"},"
                            + " \"group_by\": \"customer\", \"order_by\": [\"sum desc\"], \"limit\": 2,"
                            + " \"reply\": \"text\"}");

            List<String> said = AnswerRuns.direct(database, Scripts.settings(server), "figures/count.bas", """
                    SET ANSWER MODE "SQL"
                    n = ANSWER("How many paid orders are there?")
                    TALK "Paid orders: " + n
                    best = ANSWER "Which two customers spent the most?"
                    TALK best
                    """);

            assertThat(said)
                    .containsExactly("Paid orders: 4", "customer: Cid, sum: 300\ncustomer: Ana, sum: 160", "completed");
        }
    }

    @Test
    void aRefusedPlanIsSentBackOnceWithTheReasonAndTheCorrectedOneRuns(TestDatabase database) {
        orders(database, "retry");
        try (FakeModelServer server = FakeModelServer.start()) {
            server.answer("{\"table\": \"workflow_executions\", \"columns\": [\"id\"]}")
                    .answer(LARGEST_PAID);

            List<String> said = AnswerRuns.direct(database, Scripts.settings(server), "retry/report.bas", LIST);

            assertThat(said).containsExactly("Cid 300", "Ana 120", "completed");
            assertThat(server.requests()).hasSize(2);
            List<String> second = FakeModelServer.messages(server.requests().get(1));
            assertThat(second).hasSize(4);
            assertThat(second.get(2))
                    .isEqualTo("assistant: {\"table\": \"workflow_executions\", \"columns\": [\"id\"]}");
            assertThat(second.get(3))
                    .startsWith("user: That plan was refused: bot retry has no table workflow_executions")
                    .endsWith("Answer with one corrected JSON plan and nothing else.");
        }
    }

    @Test
    void injectionAttemptsAreRefusedTwiceAndNothingRuns(TestDatabase database) {
        orders(database, "guard");
        Map<String, String> attempts = Map.of(
                "{\"table\": \"orders\", \"filter\": \"1=1; DROP TABLE orders\"}",
                "at position 1: expected a column name",
                "{\"table\": \"orders\", \"filter\": \"status = 'paid'; DROP TABLE orders\"}",
                "expected AND, OR or the end of the filter",
                "{\"table\": \"bot_rival.secrets\"}",
                "not a valid table name",
                "{\"table\": \"secrets\"}",
                "bot guard has no table secrets",
                "{\"table\": \"orders\", \"columns\": [\"password\"]}",
                "table orders has no column password",
                "{\"table\": \"orders\", \"order_by\": [\"total; DELETE FROM orders\"]}",
                "an order_by entry is a column",
                "{\"table\": \"orders\", \"sql\": \"DELETE FROM bot_guard.orders\"}",
                "the plan has a field 'sql'",
                "SELECT * FROM orders; DROP TABLE orders",
                "not one JSON object");
        attempts.forEach((plan, reason) -> {
            try (FakeModelServer server = FakeModelServer.start()) {
                server.answer(plan).answer(plan);

                List<String> said = AnswerRuns.direct(database, Scripts.settings(server), "guard/report.bas", LIST);

                assertThat(said).as(plan).hasSize(1);
                assertThat(said.getFirst())
                        .as(plan)
                        .startsWith("failed: guard/report.bas:2:1: ANSWER failed: ANSWER: the model's query plan was"
                                + " refused twice; the second time: ")
                        .contains(reason);
                assertThat(server.requests()).as(plan).hasSize(2);
            }
        });
        assertThat(AnswerRuns.rows(database, "select count(*) from bot_guard.orders"))
                .containsExactly("5");
        assertThat(AnswerRuns.rows(database, "select count(*) from bot_rival.secrets"))
                .containsExactly("1");
    }

    @Test
    void aResumedRunReadsTheRecordedAnswerAndNeverAsksAgain(TestDatabase database) {
        orders(database, "durable");
        String script = """
                #workflow
                SET ANSWER MODE "sql"
                list = ANSWER "The two largest paid orders"
                TALK list[0].customer + " and " + list[1].customer
                HEAR reply
                TALK "Bye " + reply + ", still " + list[0].customer
                """;
        try (FakeModelServer server = FakeModelServer.start()) {
            server.answer(LARGEST_PAID);
            Map<String, String> settings = Scripts.settings(server);
            String id;
            try (DurableFixture engine = DurableFixture.builder(database)
                    .plugins(AnswerRuns.plugin(database), new DataPlugin())
                    .configuration(settings)
                    .start()) {
                id = engine.start("durable/report.bas", script, Map.of());
                ExecutionView view = engine.awaitStatus(
                        id, ExecutionStatus.WAITING_INPUT, ExecutionStatus.FAILED, ExecutionStatus.COMPLETED);
                assertThat(view.status()).as("%s", view.error()).isEqualTo(ExecutionStatus.WAITING_INPUT);
            }
            // the rows change and a new engine resumes the run: the recorded answer stands, nobody asks again
            AnswerRuns.sql(database, "update bot_durable.orders set total = 1 where customer = 'Cid'");
            try (DurableFixture engine = DurableFixture.builder(database)
                    .plugins(AnswerRuns.plugin(database), new DataPlugin())
                    .configuration(settings)
                    .start()) {
                engine.engine().deliverInput(id, "Ana");
                ExecutionView view = engine.awaitStatus(id, ExecutionStatus.COMPLETED, ExecutionStatus.FAILED);
                assertThat(view.status()).as("%s", view.error()).isEqualTo(ExecutionStatus.COMPLETED);
                assertThat(engine.messages(id)).containsExactly("Cid and Ana", "Bye Ana, still Cid");
                List<EventView> answers = engine.engine().history(id, 0, 1000).stream()
                        .filter(event -> event.type().equals("EffectCompleted")
                                && event.summary().contains("ANSWER"))
                        .toList();
                assertThat(answers).hasSize(1);
                assertThat(answers.getFirst().payloadJson()).contains("Cid").contains("300");
            }
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void withoutTablesOrWithoutADatabaseTheStepSaysWhatIsMissing(TestDatabase database) {
        try (FakeModelServer server = FakeModelServer.start()) {
            List<String> empty = AnswerRuns.direct(database, Scripts.settings(server), "empty/report.bas", LIST);
            assertThat(empty.getFirst())
                    .startsWith("failed: empty/report.bas:2:1: ANSWER failed: ANSWER in sql mode: bot empty has no"
                            + " tables to answer from");

            List<String> noDatabase = Scripts.direct(LIST, Scripts.settings(server));
            assertThat(noDatabase.getFirst())
                    .contains("ANSWER in sql mode and REFRESH of a table need the bots' database");
            assertThat(server.requests()).isEmpty();
        }
    }
}
