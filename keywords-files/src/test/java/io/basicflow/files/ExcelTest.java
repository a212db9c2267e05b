package io.basicflow.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.spi.value.Value;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.DirectRun;
import io.basicflow.testkit.ScriptRun;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code WRITE path, EXCEL(value)}: the workbook written to the bot's storage, read back with Apache
 * POI (a reader that knows nothing of how it was written), in both modes.
 */
class ExcelTest {

    /** platform-overview.bas's report, then a table of rows, and WRITE of rows to an .xlsx path. */
    static final String SCRIPT = """
            report = {
                "title": "Platform Overview Report",
                "time_range": "7d",
                "metrics": {
                    "total_messages": 1200,
                    "error_rate": 2.5,
                    "healthy": TRUE
                },
                "top_bots": [#{ bot: "sales", messages: 800 }, #{ bot: "support", messages: 400 }]
            }
            filename = "platform_overview_1"
            WRITE filename + ".xlsx", EXCEL(report)
            rows = [#{ sku: "A-1", name: "Pen & <Ink>", qty: 2 }, #{ sku: "B-2", qty: 5, note: NULL }]
            WRITE "orders.xlsx", EXCEL(rows, "Orders")
            WRITE "plain.xlsx", rows
            same = EXCEL(rows, "Orders") = EXCEL(rows, "Orders")
            RETURN same
            """;

    @TempDir
    Path root;

    @Test
    void theReportAndTheRowsAreWorkbooksThatPoiReads() throws Exception {
        Path directRoot = Files.createDirectories(root.resolve("direct"));
        DirectRun direct = DirectRun.of(
                List.of(new FilesPlugin()),
                Map.of("basicflow.files.root", directRoot.toString()),
                "analytics/start.bas",
                SCRIPT,
                Map.of());
        assertThat(direct.outcome()).isEqualTo(new DirectOutcome.Completed(java.util.Optional.of(Value.of(true))));
        checkFiles(directRoot.resolve("analytics.gbai/analytics.gbdrive"));

        Path durableRoot = Files.createDirectories(root.resolve("durable"));
        try (BasicflowTestKit kit = StorageTree.kit(durableRoot)) {
            ScriptRun run = kit.run("analytics/start.bas", "#workflow\n" + SCRIPT);
            assertThat(run.awaitResult()).isEqualTo(Value.of(true));
        }
        Path drive = durableRoot.resolve("analytics.gbai/analytics.gbdrive");
        checkFiles(drive);
        assertThat(Files.readAllBytes(drive.resolve("orders.xlsx")))
                .isEqualTo(Files.readAllBytes(directRoot.resolve("analytics.gbai/analytics.gbdrive/orders.xlsx")));
    }

    private static void checkFiles(Path drive) throws Exception {
        try (Workbook report = open(drive.resolve("platform_overview_1.xlsx"))) {
            assertThat(report.getNumberOfSheets()).isEqualTo(2);
            assertThat(cells(report.getSheetAt(0)))
                    .containsExactly(
                            List.of("title", "Platform Overview Report"),
                            List.of("time_range", "7d"),
                            List.of("metrics.total_messages", "1200"),
                            List.of("metrics.error_rate", "2.5"),
                            List.of("metrics.healthy", "TRUE"));
            assertThat(report.getSheetAt(0).getRow(2).getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(report.getSheetAt(0).getRow(2).getCell(1).getNumericCellValue())
                    .isEqualTo(1200.0);
            assertThat(report.getSheetAt(0).getRow(4).getCell(1).getBooleanCellValue())
                    .isTrue();
            assertThat(report.getSheetName(1)).isEqualTo("top_bots");
            assertThat(cells(report.getSheetAt(1)))
                    .containsExactly(List.of("bot", "messages"), List.of("sales", "800"), List.of("support", "400"));
            assertThat(report.getSheetAt(1).getRow(0).getCell(0).getCellStyle().getFontIndex())
                    .isNotEqualTo(report.getSheetAt(1)
                            .getRow(1)
                            .getCell(0)
                            .getCellStyle()
                            .getFontIndex());
        }
        try (Workbook orders = open(drive.resolve("orders.xlsx"))) {
            assertThat(orders.getSheetName(0)).isEqualTo("Orders");
            assertThat(cells(orders.getSheetAt(0)))
                    .containsExactly(
                            List.of("sku", "name", "qty", "note"),
                            List.of("A-1", "Pen & <Ink>", "2"),
                            List.of("B-2", "", "5"));
        }
        try (Workbook plain = open(drive.resolve("plain.xlsx"))) {
            assertThat(plain.getSheetName(0)).isEqualTo("Sheet1");
            assertThat(cells(plain.getSheetAt(0)).getFirst()).containsExactly("sku", "name", "qty", "note");
        }
    }

    @Test
    void aTextThatOnlyLooksLikeADataUrlIsWrittenAsText(@TempDir Path storage) throws Exception {
        DirectRun run = DirectRun.of(
                List.of(new FilesPlugin()),
                Map.of("basicflow.files.root", storage.toString()),
                "notes/start.bas",
                "WRITE \"a.txt\", \"data: not base64 at all\"\nWRITE \"b.txt\", \"data:;base64,SGk=\"\n",
                Map.of());
        assertThat(run.outcome()).isInstanceOf(DirectOutcome.Completed.class);
        Path drive = storage.resolve("notes.gbai/notes.gbdrive");
        assertThat(drive.resolve("a.txt")).hasContent("data: not base64 at all");
        assertThat(drive.resolve("b.txt")).hasContent("Hi");
    }

    @Test
    void columnLettersAndSheetNamesFollowExcelsRules() {
        assertThat(Workbooks.column(0)).isEqualTo("A");
        assertThat(Workbooks.column(25)).isEqualTo("Z");
        assertThat(Workbooks.column(26)).isEqualTo("AA");
        assertThat(Workbooks.column(701)).isEqualTo("ZZ");
        assertThat(Workbooks.column(702)).isEqualTo("AAA");
        assertThat(Workbooks.sheetName("Q3/Q4 [draft]: sales?")).isEqualTo("Q3 Q4  draft   sales");
        assertThat(Workbooks.sheetName("a".repeat(40))).hasSize(31);
    }

    private static Workbook open(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return new XSSFWorkbook(in);
        }
    }

    /** Each row's cells as text (a formatter shows booleans as TRUE/FALSE), trailing empty cells left out. */
    private static List<List<String>> cells(Sheet sheet) {
        DataFormatter formatter = new DataFormatter();
        List<List<String>> rows = new ArrayList<>();
        for (Row row : sheet) {
            List<String> texts = new ArrayList<>();
            for (int c = 0; c < row.getLastCellNum(); c++) {
                Cell cell = row.getCell(c);
                texts.add(cell == null ? "" : formatter.formatCellValue(cell));
            }
            rows.add(texts);
        }
        return rows;
    }
}
