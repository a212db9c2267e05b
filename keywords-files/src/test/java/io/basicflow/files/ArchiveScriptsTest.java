package io.basicflow.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.MessageView;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.spi.value.Value;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.DirectRun;
import io.basicflow.testkit.EffectCall;
import io.basicflow.testkit.ScriptRun;
import io.basicflow.testkit.StepMatcher;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * COMPRESS, EXTRACT, QR CODE, PLAY and CSV() in scripts: in memory (direct) and on the durable engine
 * with a real PostgreSQL, which must say and leave the same.
 */
class ArchiveScriptsTest {

    /** The golden script: each keyword in the forms the reference pages and real scripts write. */
    static final String SCRIPT = """
            WRITE "reports/week1.txt", "first week"
            WRITE "reports/week2.txt", "second week"
            people = [#{name: "Ana", city: "Recife, PE"}, #{name: "Bo ""B""\", city: "Lima"}]
            WRITE "exports/data_people.csv", CSV(people)
            WRITE "exports/data_pairs.csv", CSV([[1, "a"], [2, "b,c"]])
            TALK CSV(people)
            files = ["reports/week1.txt", "reports/week2.txt"]
            result = COMPRESS files TO "archives/weeks.zip"
            TALK result.filename + " holds " + result.file_count + " files"
            backup = "archives/exports.zip"
            COMPRESS backup, "exports/data_*.csv"
            out = EXTRACT "archives/weeks.zip" TO "restored/"
            TALK "extracted " + out.file_count + " files, " + out.total_size + " bytes, into " + out.destination
            paths = EXTRACT backup, "imported/"
            FOR EACH p IN paths
                TALK "extracted " + p
            NEXT
            qr = QR CODE "https://example.com/signup", 300
            TALK "qr: " + LEFT(qr, 12)
            PLAY "reports/week1.txt"
            PLAY "https://example.com/intro.mp4" WITH OPTIONS "autoplay,muted"
            RETURN READ "restored/reports/week2.txt"
            """;

    static final List<String> MESSAGES = List.of(
            "name,city\r\nAna,\"Recife, PE\"\r\n\"Bo \"\"B\"\"\",Lima\r\n",
            "weeks.zip holds 2 files",
            "extracted 2 files, 21 bytes, into restored",
            "extracted imported/exports/data_pairs.csv",
            "extracted imported/exports/data_people.csv",
            "qr: work/qrcodes",
            "[file: reports/week1.txt]",
            "[file: https://example.com/intro.mp4]");

    @TempDir
    Path root;

    @Test
    void theDurableRunSaysAndLeavesWhatTheDirectRunDoes() throws Exception {
        Path directRoot = Files.createDirectories(root.resolve("direct"));
        DirectRun direct = DirectRun.of(
                List.of(new FilesPlugin()),
                Map.of("basicflow.files.root", directRoot.toString()),
                "shop/start.bas",
                SCRIPT,
                Map.of());
        assertThat(direct.outcome()).isEqualTo(new DirectOutcome.Completed(Optional.of(Value.text("second week"))));
        assertThat(direct.messages()).containsExactlyElementsOf(MESSAGES);

        Path durableRoot = Files.createDirectories(root.resolve("durable"));
        try (BasicflowTestKit kit = StorageTree.kit(durableRoot)) {
            ScriptRun run = kit.run("shop/start.bas", "#workflow\n" + SCRIPT);

            assertThat(run.awaitResult()).isEqualTo(Value.text("second week"));
            assertThat(shown(run)).containsExactlyElementsOf(MESSAGES);
            // the archive keywords are recorded effects: EXTRACT's list of paths is in its completion
            assertThat(run.events("EffectCompleted"))
                    .anySatisfy(event -> assertThat(event.payloadJson()).contains("imported/exports/data_pairs.csv"));
        }
        Path directDrive = directRoot.resolve("shop.gbai/shop.gbdrive");
        Path durableDrive = durableRoot.resolve("shop.gbai/shop.gbdrive");
        assertThat(StorageTree.files(durableDrive))
                .isEqualTo(StorageTree.files(directDrive))
                .contains(
                        "archives/exports.zip",
                        "archives/weeks.zip",
                        "imported/exports/data_people.csv",
                        "restored/reports/week1.txt")
                .noneMatch(path -> path.endsWith(".part"));
        assertThat(durableDrive.resolve("imported/exports/data_pairs.csv")).hasContent("1,a\r\n2,\"b,c\"\r\n");
        // the same text and size: the same image, under the same name
        String qr = StorageTree.files(durableDrive).stream()
                .filter(path -> path.startsWith("work/qrcodes/"))
                .findFirst()
                .orElseThrow();
        assertThat(durableDrive.resolve(qr)).hasSameBinaryContentAs(directDrive.resolve(qr));
        assertThat(decode(durableDrive.resolve(qr))).isEqualTo("https://example.com/signup");
        assertThat(ImageIO.read(durableDrive.resolve(qr).toFile()).getWidth()).isEqualTo(300);
    }

    @Test
    void aQrCodeOfTextAndACustomPathDecodesBackToTheText() throws Exception {
        String wifi = "WIFI:T:WPA;S:Café Wi-Fi;P:s3cret;;";
        DirectRun direct = DirectRun.of(
                List.of(new FilesPlugin()),
                Map.of("basicflow.files.root", root.toString()),
                "shop/qr.bas",
                "path = QRCODE data, 256, \"work/wifi.png\"\nTALK path\nsmall = QR CODE \"x\", 20\n",
                Map.of("data", Value.text(wifi)));

        assertThat(direct.messages()).containsExactly("work/wifi.png");
        assertThat(decode(root.resolve("shop.gbai/shop.gbdrive/work/wifi.png"))).isEqualTo(wifi);
        assertThat(direct.outcome()).isInstanceOf(DirectOutcome.Failed.class);
        assertThat(direct.outcome().toString()).contains("size 20 is outside 21 to 4096 pixels");
    }

    @Test
    void playingAFileThatIsNotThereFailsTheExecutionWithTheReason() {
        try (BasicflowTestKit kit = StorageTree.kit(root)) {
            ScriptRun run = kit.run(
                    "shop/play.bas", "#workflow\nTALK \"watch this\"\nPLAY \"videos/intro.mp4\"\nTALK \"never\"\n");
            run.awaitStatus(ExecutionStatus.FAILED);

            assertThat(run.messages()).containsExactly("watch this");
            assertThat(run.error().orElseThrow().message())
                    .contains("PLAY: FILE_NOT_FOUND")
                    .contains("videos/intro.mp4");
            assertThat(run.error().orElseThrow().line()).isEqualTo(3);

            ScriptRun option =
                    kit.run("shop/opt.bas", "#workflow\nPLAY \"https://x.org/a.mp4\" WITH OPTIONS \"loud\"\n");
            option.awaitStatus(ExecutionStatus.FAILED);
            assertThat(option.error().orElseThrow().message())
                    .contains("option 'loud' is unknown")
                    .contains("autoplay");
        }
    }

    @Test
    void anExtractWhoseCompletionWasLostIsDoneAgainWithItsKeyAndLeavesEachFileOnce() throws Exception {
        Path drive = Files.createDirectories(root.resolve("shop.gbai/shop.gbdrive/uploads"));
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(drive.resolve("docs.zip")))) {
            for (String name : List.of("a.txt", "deep/b.txt")) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(("content of " + name).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        String source = "#workflow\nr = EXTRACT \"uploads/docs.zip\" TO \"inbox\"\nRETURN r.file_count\n";
        try (BasicflowTestKit kit = StorageTree.kit(root).crashAt(StepMatcher.effectStarted("EXTRACT"))) {
            ScriptRun run = kit.run("shop/unzip.bas", source);

            assertThat(run.awaitResult()).isEqualTo(Value.number(2));
            assertThat(kit.crashes()).isEqualTo(1);
            List<EffectCall> calls = kit.effectCalls("EXTRACT");
            assertThat(calls).hasSize(2);
            assertThat(calls)
                    .extracting(EffectCall::idempotencyKey)
                    .containsOnly(calls.getFirst().idempotencyKey());
        }
        assertThat(StorageTree.files(root.resolve("shop.gbai/shop.gbdrive/inbox")))
                .containsExactly("a.txt", "deep/b.txt");
    }

    @Test
    void anArchiveWithAnEntryThatLeavesItsFolderFailsTheExecutionAndWritesNothing() throws Exception {
        Path drive = Files.createDirectories(root.resolve("shop.gbai/shop.gbdrive/uploads"));
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(drive.resolve("evil.zip")))) {
            zip.putNextEntry(new ZipEntry("../../../start.bas"));
            zip.write("TALK \"replaced\"".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        try (BasicflowTestKit kit = StorageTree.kit(root)) {
            ScriptRun run = kit.run("shop/unzip.bas", "#workflow\nEXTRACT \"uploads/evil.zip\", \"inbox/\"\n");
            run.awaitStatus(ExecutionStatus.FAILED);

            assertThat(run.error().orElseThrow().message())
                    .contains("INVALID_ARCHIVE")
                    .contains("PATH_TRAVERSAL")
                    .contains("../../../start.bas");
            assertThat(kit.effectCalls("EXTRACT")).hasSize(1); // refused for good: not retried
        }
        assertThat(root.resolve("shop.gbai/shop.gbdrive/inbox")).doesNotExist();
        assertThat(root.resolve("start.bas")).doesNotExist();
        assertThat(root.resolve("shop.gbai/start.bas")).doesNotExist();
    }

    /** A durable run's messages as a direct run's channel shows them: a file as {@code [file: path]}. */
    private static List<String> shown(ScriptRun run) {
        return run.messageViews().stream().map(ArchiveScriptsTest::shown).toList();
    }

    private static String shown(MessageView message) {
        return message.extras()
                .file()
                .map(file -> (message.text().isEmpty() ? "" : message.text() + "\n") + "[file: " + file.path() + "]")
                .orElse(message.text());
    }

    static String decode(Path png) throws Exception {
        BufferedImage image = ImageIO.read(png.toFile());
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        RGBLuminanceSource source = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
        return new QRCodeReader()
                .decode(new BinaryBitmap(new HybridBinarizer(source)))
                .getText();
    }
}
