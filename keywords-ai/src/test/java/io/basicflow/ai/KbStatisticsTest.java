package io.basicflow.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.ScriptRun;
import io.basicflow.testkit.StepMatcher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The {@code KB …} statistics keywords over what {@code USE KB} stored: the same figures in a direct
 * run (knowledge bases in memory) and a durable run (in PostgreSQL), each figure checked against the
 * documents written by the test.
 */
class KbStatisticsTest {

    private static final String HOURS = "The shop opens at nine and closes at six, Monday to Saturday.";
    private static final String RETURNS = "Goods may be returned within thirty days with the receipt.";
    private static final String PRIVACY = "We keep your address only to deliver your order.";
    private static final String DRAFT = "Gift cards are coming soon.";

    @TempDir
    Path kbFolder;

    /** The dashboard of the reference pages, in our own words, over three collections. */
    static final String DASHBOARD = """
            USE KB "faq"
            USE KB "policies.gbkb"
            names = KB LIST COLLECTIONS
            TALK "Collections: " + JOIN(names, ", ")
            count = KB DOCUMENTS COUNT
            recent = KB DOCUMENTS ADDED SINCE 7
            TALK "Documents: " + count + ", added this week: " + recent
            stats = KB STATISTICS
            TALK "Totals: " + stats.total_collections + " collections, " + stats.total_documents + " documents, " + stats.total_vectors + " vectors, " + stats.documents_added_last_month + " this month"
            FOR EACH c IN stats.collections
              TALK c.name + ": " + c.points_count + " passages in " + c.segments_count + " documents, " + c.status
            NEXT
            faq = KB COLLECTION STATS "kb_faq"
            TALK "faq bytes: " + faq.disk_data_size
            mb = KB STORAGE SIZE
            IF mb = stats.total_disk_size_mb THEN
              TALK "the same total"
            END IF
            TALK "storage: " + mb + " MB"
            """;

    private void writeLibrary() throws Exception {
        Files.createDirectories(kbFolder.resolve("faq/shop"));
        Files.writeString(kbFolder.resolve("faq/hours.txt"), HOURS);
        Files.writeString(kbFolder.resolve("faq/shop/returns.md"), RETURNS);
        Files.createDirectories(kbFolder.resolve("policies.gbkb"));
        Files.writeString(kbFolder.resolve("policies.gbkb/privacy.txt"), PRIVACY);
        Files.createDirectories(kbFolder.resolve("drafts"));
        Files.writeString(kbFolder.resolve("drafts/cards.txt"), DRAFT);
    }

    /** One passage per short document: its UTF-8 bytes and 384 four-byte floats. */
    private static long bytes(String... passages) {
        long bytes = 0;
        for (String passage : passages) {
            bytes += passage.getBytes(StandardCharsets.UTF_8).length + 384 * 4;
        }
        return bytes;
    }

    private List<String> expectedDashboard() {
        return List.of(
                "Collections: drafts, faq, policies",
                "Documents: 3, added this week: 3",
                "Totals: 3 collections, 3 documents, 3 vectors, 3 this month",
                "drafts: 0 passages in 0 documents, yellow",
                "faq: 2 passages in 2 documents, green",
                "policies: 1 passages in 1 documents, green",
                "faq bytes: " + bytes(HOURS, RETURNS),
                "the same total",
                "storage: "
                        + new java.math.BigDecimal(bytes(HOURS, RETURNS, PRIVACY))
                                .divide(java.math.BigDecimal.valueOf(1024 * 1024), 6, java.math.RoundingMode.HALF_UP)
                                .stripTrailingZeros()
                                .toPlainString()
                        + " MB",
                "completed");
    }

    private Map<String, String> settings() {
        return Map.of("basicflow.ai.kb-folder", kbFolder.toString());
    }

    private static DataSource dataSource(String url) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(url);
        source.setUser("postgres");
        return source;
    }

    private static BasicflowTestKit postgresKit(Map<String, String> settings) {
        BasicflowTestKit[] kit = new BasicflowTestKit[1];
        kit[0] = BasicflowTestKit.withPlugins(new AiPlugin(() -> dataSource(kit[0].jdbcUrl())));
        settings.forEach(kit[0]::configuration);
        return kit[0];
    }

    @Test
    void directAndDurableRunsReportTheSameFiguresOfWhatWasIndexed() throws Exception {
        writeLibrary();
        assertThat(Scripts.direct(DASHBOARD, settings())).containsExactlyElementsOf(expectedDashboard());

        try (BasicflowTestKit kit = postgresKit(settings())) {
            ScriptRun run = kit.run("shop/dashboard.bas", "#workflow\n" + DASHBOARD);
            run.awaitStatus(ExecutionStatus.COMPLETED, ExecutionStatus.FAILED);
            List<String> said = new ArrayList<>(run.messages());
            said.add(run.status() == ExecutionStatus.COMPLETED ? "completed" : "failed: " + run.error());
            assertThat(said).containsExactlyElementsOf(expectedDashboard());
            assertThat(kit.effectCalls("KB STORAGE SIZE")).hasSize(1);
        }
    }

    @Test
    void documentsAddedSinceCountsByTheDateTheyWereIndexed() throws Exception {
        writeLibrary();
        try (BasicflowTestKit kit = postgresKit(settings())) {
            kit.run("shop/index.bas", "#workflow\nUSE KB \"faq\"\nUSE KB \"policies\"\n")
                    .awaitStatus(ExecutionStatus.COMPLETED);
            try (Connection connection = DriverManager.getConnection(kit.jdbcUrl(), "postgres", "");
                    Statement statement = connection.createStatement()) {
                statement.executeUpdate("update ai_kb_documents set indexed_at = now() - interval '10 days'"
                        + " where path = 'hours.txt'");
                statement.executeUpdate("update ai_kb_documents set indexed_at = now() - interval '40 days'"
                        + " where path = 'privacy.txt'");
            }
            ScriptRun run = kit.run("shop/report.bas", """
                    #workflow
                    day = KB DOCUMENTS ADDED SINCE 1
                    week = KB DOCUMENTS ADDED SINCE 7
                    month = KB DOCUMENTS ADDED SINCE 30
                    half = KB DOCUMENTS ADDED SINCE 0.5
                    stats = KB STATISTICS
                    TALK day + " " + week + " " + month + " " + half + " / " + stats.documents_added_last_week + " " + stats.documents_added_last_month
                    """);
            run.awaitStatus(ExecutionStatus.COMPLETED);
            assertThat(run.messages()).containsExactly("1 1 2 1 / 1 2");
        }
    }

    @Test
    void theStatusSaysWhetherTheFolderChangedSinceItWasIndexed() throws Exception {
        writeLibrary();
        String source = "USE KB \"faq\"\nUSE KB \"policies\"\nUSE KB \"drafts\"\n"
                + "names = KB LIST COLLECTIONS\nFOR EACH name IN names\n  s = KB COLLECTION STATS name\n"
                + "  TALK name + \" \" + s.status\nNEXT\n";
        try (BasicflowTestKit kit = postgresKit(settings())) {
            ScriptRun first = kit.run("shop/first.bas", "#workflow\n" + source);
            first.awaitStatus(ExecutionStatus.COMPLETED);
            assertThat(first.messages()).containsExactly("drafts green", "faq green", "policies green");

            Files.writeString(kbFolder.resolve("faq/hours.txt"), "Open every day from eight.");
            Files.delete(kbFolder.resolve("policies.gbkb/privacy.txt"));
            Files.delete(kbFolder.resolve("policies.gbkb"));
            ScriptRun second = kit.run(
                    "shop/second.bas",
                    "#workflow\nnames = KB LIST COLLECTIONS\nFOR EACH name IN names\n"
                            + "  s = KB COLLECTION STATS name\n  TALK name + \" \" + s.status\nNEXT\n");
            second.awaitStatus(ExecutionStatus.COMPLETED);
            assertThat(second.messages()).containsExactly("drafts green", "faq yellow", "policies red");
        }
    }

    @Test
    void anUnknownCollectionFailsTheStepNamingTheCollectionsThereAre() throws Exception {
        writeLibrary();
        assertThat(Scripts.direct("USE KB \"faq\"\nx = KB COLLECTION STATS \"recipes\"\nTALK \"never\"\n", settings()))
                .containsExactly("failed: test.bas:2:1: KB COLLECTION STATS failed: collection 'recipes' not found; the"
                        + " knowledge base collections are drafts, faq, policies");
        assertThat(Scripts.direct("x = KB DOCUMENTS ADDED SINCE \"a week\"\n", settings()))
                .containsExactly("failed: test.bas:1:1: KB DOCUMENTS ADDED SINCE failed: the number of days must be a"
                        + " number (0 or more), not 'a week'");
    }

    @Test
    void withoutAKnowledgeBaseFolderTheKnowledgeBaseIsEmpty() {
        assertThat(Scripts.direct(
                        "n = KB DOCUMENTS COUNT\nc = KB LIST COLLECTIONS\nmb = KB STORAGE SIZE\nTALK n + \" \" + LEN(c)"
                                + " + \" \" + mb\n",
                        Map.of()))
                .containsExactly("0 0 0", "completed");
    }

    @Test
    void aFigureRecordedBeforeACrashIsNotReadAgain() throws Exception {
        writeLibrary();
        try (BasicflowTestKit kit = postgresKit(settings())) {
            // dies after the commit that records the count, which is the one that starts KB STORAGE SIZE
            kit.crashAt(StepMatcher.effectCompleted("KB DOCUMENTS COUNT"));
            ScriptRun run = kit.run(
                    "shop/count.bas",
                    "#workflow\nUSE KB \"faq\"\nn = KB DOCUMENTS COUNT\nmb = KB STORAGE SIZE\n"
                            + "TALK n + \" documents\"\n");
            run.awaitStatus(ExecutionStatus.COMPLETED);
            assertThat(kit.crashes()).isEqualTo(1);
            assertThat(run.messages()).containsExactly("2 documents");
            assertThat(kit.effectCalls("KB DOCUMENTS COUNT")).hasSize(1);
            assertThat(kit.effectCalls("KB STORAGE SIZE")).hasSize(2);
        }
    }
}
