package io.basicflow.social;

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
import io.basicflow.spi.KeywordPlugin;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * keywords-lead-scoring.md's keywords on a real PostgreSQL: the page's flow (score a lead, add points
 * for a demo, qualify it at the default and a custom threshold, read the kept score) says the same in
 * a direct and a durable run, each bot's scores kept apart, every change in the history once.
 */
@ExtendWith(PostgresExtension.class)
class LeadScoringTest {

    static final String FLOW = """
            lead_data = NEW OBJECT
            lead_data.email = "john@company.com"
            lead_data.name = "John Smith"
            lead_data.job_title = "VP of Engineering"
            lead_data.industry = "Technology"
            lead_data.company_size = "Enterprise"
            lead_data.email_opens = 3
            score = SCORE LEAD lead_data
            TALK "Score: " + score.score + " " + score.grade + " " + score.status
            TALK "Firmographic: " + score.breakdown.firmographic + ", demographic: " + score.breakdown.demographic
            TALK "Top recommendation: " + score.recommendations[0]
            result = QUALIFY LEAD "john@company.com"
            IF result.qualified THEN
                TALK "qualified"
            ELSE
                TALK "Lead needs more nurturing. Score: " + result.score + ", gap " + result.gap
            END IF
            new_score = UPDATE LEAD SCORE "john@company.com", 30, "Requested demo"
            TALK "Score updated to: " + new_score.score + " (" + new_score.status + ", was " + new_score.previous_score + ")"
            result = QUALIFY LEAD "john@company.com", 85
            TALK "at 85: " + result.qualified + ", gap " + result.gap
            UPDATE LEAD SCORE "john@company.com", -15, "Unsubscribed from email"
            kept = GET LEAD SCORE "john@company.com"
            TALK "Current score: " + kept.score + " " + kept.grade
            none = GET LEAD SCORE "nobody@example.com"
            TALK "unknown lead: " + ISNULL(none)
            """;

    // VP 20/25 of 20 = 16; enterprise 20/20 of 15 = 15, industry 10; engagement 3 opens × 2 = 6.
    static final List<String> SAID = List.of(
            "Score: 47 C warm",
            "Firmographic: 25, demographic: 16",
            "Top recommendation: Invite to a product demo",
            "Lead needs more nurturing. Score: 47, gap 23",
            "Score updated to: 77 (hot, was 47)",
            "at 85: false, gap 8",
            "Current score: 62 B",
            "unknown lead: true");

    static DataConnections connections(TestDatabase database) {
        return new DataConnections() {
            @Override
            public Connection open() throws SQLException {
                return DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
            }

            @Override
            public boolean sharesEngineDatabase() {
                return true;
            }
        };
    }

    static List<String> direct(TestDatabase database, String name, String source) {
        List<KeywordPlugin> plugins = List.of(new CorePlugin(), new LeadScoringPlugin());
        KeywordCatalogue catalogue = KeywordCatalogue.of(plugins);
        ScriptService compiler = new ScriptService(catalogue);
        RuntimeCatalogue runtime =
                RuntimeCatalogue.from(catalogue, Map.of(), Clock.systemUTC()).withData(connections(database));
        List<String> said = new ArrayList<>();
        var compiled = compiler.compile(name, source);
        DirectRunner.DirectRun run = DirectRunner.builder(runtime, (n, s) -> null)
                .build()
                .run(compiled.program(), Map.of(), new Conversation() {
                    @Override
                    public void say(String text) {
                        said.add(text);
                    }

                    @Override
                    public Optional<String> listen(InputRequest request) {
                        return Optional.empty();
                    }
                });
        assertThat(run.outcome()).isInstanceOf(DirectOutcome.Completed.class);
        return said;
    }

    @Test
    void thePagesFlowSaysTheSameDirectAndDurableAndKeepsEachBotsScores(TestDatabase database) throws Exception {
        assertThat(direct(database, "sales.gbai/sales.gbdialog/lead.bas", FLOW)).isEqualTo(SAID);
        try (DurableFixture engine = DurableFixture.builder(database)
                .plugins(new LeadScoringPlugin())
                .start()) {
            String id = engine.start("crm.gbai/crm.gbdialog/lead.bas", "#workflow\n" + FLOW, Map.of());
            ExecutionView view = engine.awaitStatus(id, ExecutionStatus.COMPLETED, ExecutionStatus.FAILED);
            assertThat(view.error()).isEmpty();
            assertThat(engine.messages(id)).isEqualTo(SAID);
        }
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select bot, lead_id, old_score, new_score, reason from"
                        + " basicflow_lead_score_history order by bot, changed_at, new_score")) {
            List<String> history = new ArrayList<>();
            while (rows.next()) {
                history.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getObject(3) + "->"
                        + rows.getInt(4) + " " + rows.getString(5));
            }
            List<String> expected = new ArrayList<>();
            for (String bot : List.of("crm", "sales")) {
                expected.add(bot + " john@company.com null->47 SCORE LEAD");
                expected.add(bot + " john@company.com 47->77 Requested demo");
                expected.add(bot + " john@company.com 77->62 Unsubscribed from email");
            }
            assertThat(history).isEqualTo(expected);
        }
    }

    @Test
    void configuredWeightsAndThresholdChangeTheScoreAndTheStatus() throws Exception {
        LeadRules rules = new LeadRules(new io.basicflow.spi.PluginConfiguration(
                "leads", Map.of("lead-score-job-title-weight", "50", "lead-score-qualification-threshold", "60")));
        var lead = new io.basicflow.spi.value.MapValue(Map.of(
                "job_title", io.basicflow.spi.value.Value.text("Chief Executive Officer"),
                "actions", io.basicflow.spi.value.Value.text("demo request, pricing view")));
        Map<String, Object> score = rules.score(lead);
        // CEO: the whole title weight (50); demo 30 + pricing 20, capped at the behavioral weight 30.
        assertThat(score).containsEntry("score", 80).containsEntry("grade", "A").containsEntry("status", "hot");
        assertThat(LeadRules.sizePoints("250 employees")).isEqualTo(15);
        assertThat(LeadRules.titlePoints("Engineering Manager")).isEqualTo(10);
    }
}
