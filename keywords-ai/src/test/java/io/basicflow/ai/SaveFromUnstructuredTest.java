package io.basicflow.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.data.DataPlugin;
import io.basicflow.engine.api.EventView;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import io.basicflow.spi.KeywordException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code SAVE FROM UNSTRUCTURED "table", text}: the model is asked for the declared table's columns,
 * its answer becomes the row, and the row is inserted by the data plugin — the same messages, the same
 * rows and the same requests in a direct and a durable run; the durable run records the three steps.
 */
@ExtendWith(PostgresExtension.class)
class SaveFromUnstructuredTest {

    static final String TABLE = """
            TABLE invoices
                invoice_number string(20)
                customer string(80)
                total double(10,2)
                issued_on date
            END TABLE
            """;

    static final String SAVE = """
            note = "Invoice INV-7 to Ana Lima, issued on 2 March 2026, total 1,250.50 euros."
            data = SAVE FROM UNSTRUCTURED "invoices", note
            TALK "Saved " + data.invoice_number + " for " + data.customer + ": " + data.total
            """;

    /** A fenced answer with a key that is no column: both are what real models do. */
    static final String ANSWER = """
            ```json
            {"invoice_number": "INV-7", "customer": "Ana Lima", "total": 1250.50, "issued_on": "2026-03-02",
             "currency": "EUR"}
            ```""";

    @Test
    void theModelsRowIsInsertedWithTheSameMessagesInBothModes(TestDatabase database) throws SQLException {
        try (FakeModelServer server = FakeModelServer.start()) {
            server.answer(ANSWER).answer(ANSWER);
            Map<String, String> settings = Scripts.settings(server);

            List<String> direct = Scripts.directWithData(database, settings, "direct/invoices.bas", TABLE + SAVE);
            List<String> durable;
            List<EventView> history;
            try (DurableFixture engine = DurableFixture.builder(database)
                    .plugins(new AiPlugin(), new DataPlugin())
                    .configuration(settings)
                    .start()) {
                String id = engine.start("durable/invoices.bas", "#workflow\n" + TABLE + SAVE, Map.of());
                ExecutionView view = engine.awaitStatus(id, ExecutionStatus.COMPLETED, ExecutionStatus.FAILED);
                assertThat(view.status()).as("%s", view.error()).isEqualTo(ExecutionStatus.COMPLETED);
                durable = engine.messages(id);
                history = engine.engine().history(id, 0, 1000);
            }

            assertThat(direct).containsExactly("Saved INV-7 for Ana Lima: 1250.5", "completed");
            assertThat(durable).containsExactly("Saved INV-7 for Ana Lima: 1250.5");
            for (String bot : List.of("direct", "durable")) {
                assertThat(rows(
                                database,
                                "select invoice_number, customer, total, issued_on from bot_" + bot + ".invoices"))
                        .as(bot)
                        .containsExactly("INV-7|Ana Lima|1250.50|2026-03-02");
            }
            // one question per run, naming the declared columns and their types, and the text
            assertThat(server.requests()).hasSize(2);
            List<String> asked = FakeModelServer.messages(server.requests().get(0));
            assertThat(asked.get(0)).isEqualTo("system: " + RowExtraction.INSTRUCTIONS);
            assertThat(asked.get(1))
                    .isEqualTo("user: Table: invoices\nColumns:\n- invoice_number (varchar)\n- customer (varchar)\n"
                            + "- total (numeric)\n- issued_on (date)\n\nText:\nInvoice INV-7 to Ana Lima, issued on"
                            + " 2 March 2026, total 1,250.50 euros.");
            assertThat(FakeModelServer.messages(server.requests().get(1))).isEqualTo(asked);
            // the durable run: three steps, the model's row recorded in the middle one's completion
            assertThat(history.stream()
                            .filter(event -> event.type().equals("EffectCompleted"))
                            .map(EventView::summary)
                            .toList())
                    .hasSize(4) // TABLE, DESCRIBE TABLE, ROW FROM UNSTRUCTURED, INSERT
                    .satisfies(summaries -> assertThat(summaries.get(2)).contains("ROW FROM UNSTRUCTURED"))
                    .satisfies(summaries -> assertThat(summaries.get(3)).contains("INSERT"));
            EventView row = history.stream()
                    .filter(event -> event.type().equals("EffectCompleted")
                            && event.summary().contains("ROW FROM UNSTRUCTURED"))
                    .findFirst()
                    .orElseThrow();
            assertThat(row.payloadJson()).contains("INV-7").doesNotContain("currency");
        }
    }

    @Test
    void withoutATableTheModelNamesTheColumnsAndInsertCreatesThem(TestDatabase database) throws SQLException {
        try (FakeModelServer server = FakeModelServer.start()) {
            server.answer("{\"name\": \"Rui Costa\", \"email\": \"rui@example.com\", \"phone\": null}");
            List<String> said = Scripts.directWithData(
                    database,
                    Scripts.settings(server),
                    "leads/capture.bas",
                    "SAVE_FROM_UNSTRUCTURED \"contacts\", \"Rui Costa here, write to rui@example.com\"\n"
                            + "TALK \"ok\"\n");

            assertThat(said).containsExactly("ok", "completed");
            assertThat(FakeModelServer.messages(server.requests().get(0)).get(1))
                    .startsWith("user: Table: contacts\nColumns: none yet; choose them from the text.\n");
            // a null is left out: no phone column is made from it
            assertThat(rows(database, "select name, email from bot_leads.contacts"))
                    .containsExactly("Rui Costa|rui@example.com");
            assertThat(rows(
                            database,
                            "select column_name from information_schema.columns where table_schema = 'bot_leads'"
                                    + " and table_name = 'contacts' and column_name = 'phone'"))
                    .isEmpty();
        }
    }

    @Test
    void anAnswerThatIsNoJsonObjectFailsTheStepSayingWhatTheModelAnswered(TestDatabase database) throws SQLException {
        try (FakeModelServer server = FakeModelServer.start()) {
            server.answer("Sorry, I cannot help with invoices.");
            List<String> said =
                    Scripts.directWithData(database, Scripts.settings(server), "broken/invoices.bas", TABLE + SAVE);

            assertThat(said)
                    .singleElement()
                    .asString()
                    .startsWith("failed: broken/invoices.bas:8:1: ROW FROM UNSTRUCTURED failed: the model did not"
                            + " answer with a JSON object (it answered: Sorry, I cannot help with invoices.)");
            assertThat(rows(database, "select count(*) from bot_broken.invoices"))
                    .containsExactly("0");
        }
    }

    @Test
    void underResumeNextAFailedAnswerInALoopDoesNotSaveThePreviousRowAgain(TestDatabase database) throws SQLException {
        try (FakeModelServer server = FakeModelServer.start()) {
            server.answer("{\"name\": \"Rui Costa\", \"email\": \"rui@example.com\"}")
                    .answer("No idea, sorry.");
            List<String> said = Scripts.directWithData(database, Scripts.settings(server), "loop/people.bas", """
                    ON ERROR RESUME NEXT
                    FOR EACH note IN ["Rui Costa, rui@example.com", "nothing useful"]
                        SAVE FROM UNSTRUCTURED "people", note
                    NEXT
                    TALK "done"
                    """);

            assertThat(said).containsExactly("done", "completed");
            assertThat(server.requests()).hasSize(2);
            assertThat(rows(database, "select name from bot_loop.people")).containsExactly("Rui Costa");
        }
    }

    @Test
    void onlyTheAskedColumnsAreKeptAndTheIdIsNeverTakenFromTheModel() throws KeywordException {
        assertThat(RowExtraction.row(
                                "{\"ID\": 99, \"Customer\": \"Ana\", \"extra\": 1}", List.of("id", "customer", "total"))
                        .entries())
                .containsOnlyKeys("customer");
        Assertions.assertThatThrownBy(() -> RowExtraction.row("{\"extra\": 1}", List.of("customer")))
                .hasMessageContaining("found none of the table's columns (customer)");
    }

    @Test
    void theReferenceAndCorpusSpellingsCompileToTheThreeSteps() {
        io.basicflow.compiler.ScriptService compiler =
                new io.basicflow.compiler.ScriptService(io.basicflow.compiler.catalogue.KeywordCatalogue.of(
                        new io.basicflow.compiler.core.CorePlugin(), new AiPlugin(), new DataPlugin()));
        for (String line : List.of(
                "SAVE FROM UNSTRUCTURED \"contacts\", unstructuredText",
                "SAVE_FROM_UNSTRUCTURED \"purchase_orders\", FORMAT po AS JSON",
                "data = SAVE FROM UNSTRUCTURED \"invoices\", text")) {
            io.basicflow.compiler.CompilationResult result = compiler.check("bot.bas", line + "\n");
            assertThat(result.succeeded()).as(line + "\n" + result.format()).isTrue();
            assertThat(result.plan().orElseThrow().program().body())
                    .as(line)
                    .filteredOn(step -> step instanceof io.basicflow.spi.program.Step.Invoke)
                    .extracting(step -> ((io.basicflow.spi.program.Step.Invoke) step).keyword())
                    .containsExactly("DESCRIBE TABLE", "ROW FROM UNSTRUCTURED", "INSERT");
        }
    }

    @Test
    void withoutAnEndpointTheCheckWarnsAtTheStatement() {
        io.basicflow.compiler.catalogue.KeywordCatalogue catalogue =
                io.basicflow.compiler.catalogue.KeywordCatalogue.of(
                        new io.basicflow.compiler.core.CorePlugin(), new AiPlugin(), new DataPlugin());
        String source = "TALK \"hi\"\n  SAVE FROM UNSTRUCTURED \"contacts\", \"Ana\"\n";
        io.basicflow.spi.program.Program program = new io.basicflow.compiler.ScriptService(catalogue)
                .compile("crm.bas", source)
                .program();

        assertThat(new io.basicflow.compiler.check.ConfigurationCheck(catalogue, Map.of())
                        .check("crm.bas", source, program))
                .singleElement()
                .satisfies(warning -> {
                    assertThat(warning.line()).isEqualTo(2);
                    assertThat(warning.column()).isEqualTo(3);
                    assertThat(warning.message())
                            .startsWith("SAVE FROM UNSTRUCTURED (and ROW FROM UNSTRUCTURED) needs"
                                    + " basicflow.ai.base-url");
                });
    }

    static List<String> rows(TestDatabase database, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> found = new ArrayList<>();
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(rows.getString(i));
                }
                found.add(String.join("|", values));
            }
            return found;
        }
    }
}
