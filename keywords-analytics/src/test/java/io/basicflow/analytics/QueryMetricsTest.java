package io.basicflow.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.engine.data.DataConnections;
import io.basicflow.engine.direct.Conversation;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.engine.direct.DirectRunner;
import io.basicflow.engine.interpreter.InputRequest;
import io.basicflow.engine.interpreter.RuntimeCatalogue;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code QUERY METRICS} over what the engine recorded for a bot: a conversation of the bot "shop" that
 * says three things and hears two, a run of it that fails, and another bot's conversation that must not
 * count. A direct and a durable report of the same bot say the same figures of those; the durable report
 * also counts itself. The test database is shared by the class's tests: each test uses bots of its own.
 */
@ExtendWith(PostgresExtension.class)
class QueryMetricsTest {

    private static final String CHAT = """
            TALK "Welcome to the shop"
            HEAR name
            TALK "Hello " + name
            HEAR item
            TALK "One " + item + " for " + name
            """;

    /** The platform overview's shape, in our own words: totals over rows, and the period before. */
    static final String REPORT = """
            sessions = QUERY METRICS "active_sessions" FOR "2h"
            calls = QUERY METRICS "api_requests" FOR "2h"
            messages = QUERY METRICS "messages" FOR "2h" BY "1h"
            answers = QUERY METRICS "response_time" FOR "2h" BY "1h"
            errors = QUERY METRICS "errors" FOR "2h"
            before = QUERY METRICS "messages" FOR "2h" OFFSET 1
            storage = QUERY METRICS "storage_usage" FOR "2h" BY "1h"
            TALK "rows " + COUNT(messages) + ", messages " + SUM(messages, "count") + " (" + SUM(messages, "sent") + " sent, " + SUM(messages, "received") + " received)"
            TALK "answers measured " + SUM(answers, "count") + ", positive " + (AVG(answers, "duration_ms") >= 0)
            TALK "failed executions " + SUM(errors, "failed_executions")
            TALK "the period before " + SUM(before, "count")
            TALK "storage grows " + (LAST(storage, "bytes_used") > 1000)
            TALK "sessions at most " + MAX(sessions, "count") + ", calls " + SUM(calls, "count")
            """;

    private static final List<String> SAID = List.of(
            "rows 2, messages 6 (4 sent, 2 received)",
            "answers measured 2, positive true",
            "failed executions 1",
            "the period before 0",
            "storage grows true");

    @Test
    void aDirectAndADurableReportOfTheBotSayTheSameFiguresOfItsRecordedConversations(TestDatabase database)
            throws Exception {
        try (DurableFixture engine =
                DurableFixture.builder(database).plugins(new AnalyticsPlugin()).start()) {
            String chat = engine.start("shop/chat.bas", "#workflow\n" + CHAT, Map.of());
            engine.await(chat, view -> view.status() == ExecutionStatus.WAITING_INPUT, "waiting for the name");
            engine.engine().deliverInput(chat, "Ana");
            engine.await(chat, view -> engine.messages(chat).size() == 2, "greeting");
            engine.engine().deliverInput(chat, "lamp");
            engine.awaitStatus(chat, ExecutionStatus.COMPLETED);
            String broken = engine.start(
                    "shop/broken.bas",
                    "#workflow\nTALK \"checking\"\nx = QUERY METRICS \"visitors\" FOR \"1h\"\n",
                    Map.of());
            ExecutionView failed = engine.awaitStatus(broken, ExecutionStatus.FAILED);
            assertThat(failed.error().orElseThrow().message())
                    .contains("shop/broken.bas:3:1")
                    .contains("QUERY METRICS knows no metric 'visitors'; the metrics are messages, active_sessions");
            String other = engine.start("other/chat.bas", "#workflow\n" + CHAT, Map.of());
            engine.await(other, view -> view.status() == ExecutionStatus.WAITING_INPUT, "the other bot waiting");

            List<String> direct = direct(database, "shop/report.bas", REPORT);
            // the two conversations and the failed call; a direct run is recorded nowhere
            assertThat(direct).containsExactlyElementsOf(with(SAID, "sessions at most 2, calls 1", "COMPLETED"));

            String report = engine.start("shop/report.bas", "#workflow\n" + REPORT, Map.of());
            ExecutionView done = engine.awaitStatus(report, ExecutionStatus.COMPLETED, ExecutionStatus.FAILED);
            assertThat(done.status()).as("report %s", done.error()).isEqualTo(ExecutionStatus.COMPLETED);
            // a durable report is a recorded conversation of the bot itself: it counts as a session, and its
            // first QUERY METRICS as a call when the second one reads
            assertThat(engine.messages(report)).containsExactlyElementsOf(with(SAID, "sessions at most 3, calls 2"));
        }
    }

    @Test
    void rowsAreOnePerIntervalWithTimeAndValueAndAnotherBotSeesNoneOfThem(TestDatabase database) throws Exception {
        try (DurableFixture engine =
                DurableFixture.builder(database).plugins(new AnalyticsPlugin()).start()) {
            String chat = engine.start("tally/chat.bas", "#workflow\n" + CHAT, Map.of());
            engine.await(chat, view -> view.status() == ExecutionStatus.WAITING_INPUT, "waiting for the name");
        }
        String rows = """
                m = QUERY METRICS "messages" FOR "3h" BY "1h"
                FOR EACH row IN m
                  TALK LEN(row.time) + " " + (row.value = row.count)
                NEXT
                TALK SUM(m, "value")
                """;
        assertThat(direct(database, "tally/rows.bas", rows))
                .containsExactly("20 true", "20 true", "20 true", "1", "COMPLETED");
        assertThat(direct(database, "nobody/rows.bas", rows))
                .containsExactly("20 true", "20 true", "20 true", "0", "COMPLETED");
    }

    /** A stand-in for the AI plugin's LLM: an effect keyword of that name with a fixed answer. */
    static final class FixedLlm implements io.basicflow.spi.KeywordPlugin {
        static final String ANSWER = "forty characters of an answer, exactly.."; // 40

        @Override
        public String name() {
            return "fixed-llm";
        }

        @Override
        public List<io.basicflow.spi.KeywordDefinition> keywords() {
            return List.of(io.basicflow.spi.KeywordDefinition.builder("LLM")
                    .form(io.basicflow.spi.KeywordForm.FUNCTION)
                    .parameter(io.basicflow.spi.ParameterDefinition.required("prompt", "the prompt"))
                    .effect(io.basicflow.spi.EffectKind.IDEMPOTENT_EFFECT)
                    .description("answers the same")
                    .build());
        }

        @Override
        public Optional<io.basicflow.spi.KeywordHandler> handler(String keyword) {
            return Optional.of(invocation -> new io.basicflow.spi.value.TextValue(ANSWER));
        }
    }

    @Test
    void llmTokensAreEstimatedFromTheRecordedPromptsAndAnswers(TestDatabase database) throws Exception {
        try (DurableFixture engine = DurableFixture.builder(database)
                .plugins(new AnalyticsPlugin(), new FixedLlm())
                .start()) {
            String asked = engine.start(
                    "helper/ask.bas", "#workflow\na = LLM \"" + "p".repeat(400) + "\"\nb = LLM \"short\"\n", Map.of());
            engine.awaitStatus(asked, ExecutionStatus.COMPLETED);
        }
        List<String> said = direct(database, "helper/usage.bas", """
                t = QUERY METRICS "llm_tokens" FOR "1h"
                TALK SUM(t, "calls") + " calls"
                TALK (SUM(t, "prompt_tokens") >= 101) + " " + (SUM(t, "prompt_tokens") < 130)
                TALK (SUM(t, "completion_tokens") >= 20) + " " + (SUM(t, "completion_tokens") < 30)
                TALK SUM(t, "total_tokens") = SUM(t, "prompt_tokens") + SUM(t, "completion_tokens")
                """);
        // 400 + 5 prompt characters and two answers of 40, a quarter each, plus the recorded JSON's quotes
        assertThat(said).containsExactly("2 calls", "true true", "true true", "true", "COMPLETED");
    }

    @Test
    void aDatabaseWithoutTheEngineTablesIsAClearError(TestDatabase database) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), "")) {
            connection.createStatement().execute("create schema if not exists elsewhere");
        }
        DataConnections bare = new DataConnections() {
            @Override
            public Connection open() throws SQLException {
                Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
                connection.createStatement().execute("set search_path = elsewhere");
                return connection;
            }

            @Override
            public boolean sharesEngineDatabase() {
                return false;
            }
        };
        List<String> said = direct(bare, "shop/x.bas", "m = QUERY METRICS \"messages\" FOR \"1h\"\n");
        assertThat(said.getLast())
                .startsWith("FAILED")
                .contains("QUERY METRICS reads the engine's records")
                .contains("basicflow.data.url");
    }

    private static List<String> with(List<String> said, String... more) {
        List<String> out = new ArrayList<>(said);
        out.addAll(List.of(more));
        return out;
    }

    static List<String> direct(TestDatabase database, String name, String source) {
        return direct(
                new DataConnections() {
                    @Override
                    public Connection open() throws SQLException {
                        return DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
                    }

                    @Override
                    public boolean sharesEngineDatabase() {
                        return true;
                    }
                },
                name,
                source);
    }

    /** Runs a script in memory, its QUERY METRICS in a transaction of its own; the last line is the outcome. */
    static List<String> direct(DataConnections connections, String name, String source) {
        KeywordCatalogue catalogue = KeywordCatalogue.of(List.of(new CorePlugin(), new AnalyticsPlugin()));
        ScriptService compiler = new ScriptService(catalogue);
        RuntimeCatalogue runtime =
                RuntimeCatalogue.from(catalogue, Map.of(), Clock.systemUTC()).withData(connections);
        List<String> said = new ArrayList<>();
        DirectRunner.DirectRun run = DirectRunner.builder(runtime, (n, s) -> null)
                .build()
                .run(compiler.compile(name, source).program(), Map.of(), new Conversation() {
                    @Override
                    public void say(String text) {
                        said.add(text);
                    }

                    @Override
                    public Optional<String> listen(InputRequest request) {
                        return Optional.empty();
                    }
                });
        said.add(
                switch (run.outcome()) {
                    case DirectOutcome.Completed ignored -> "COMPLETED";
                    case DirectOutcome.Failed failed ->
                        "FAILED " + failed.error().message();
                    case DirectOutcome.InputEnded ended -> "INPUT ENDED";
                    case DirectOutcome.Cancelled cancelled -> "CANCELLED";
                });
        return said;
    }
}
