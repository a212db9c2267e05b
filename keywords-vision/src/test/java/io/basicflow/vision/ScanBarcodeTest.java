package io.basicflow.vision;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.oned.EAN13Writer;
import com.google.zxing.qrcode.QRCodeWriter;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.files.FilesPlugin;
import io.basicflow.spi.value.Value;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.ScriptRun;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code SCAN BARCODE image} (the corpus's store bot) on PNG images drawn by the test: a QR code and an
 * EAN-13 are read back with their formats, an image with no code is {@code NULL}, direct and durable
 * alike; what is no image fails the step saying so.
 */
class ScanBarcodeTest {

    static final String SCRIPT = """
            qr = SCAN BARCODE "codes/qr.png"
            TALK qr.format + " " + qr.data
            ean = SCAN BARCODE "/codes/ean.png"
            TALK ean.format + " " + ean.data
            none = SCAN BARCODE "codes/blank.png"
            IF NOT none THEN
                TALK "No barcode found"
            END IF
            inline = SCAN BARCODE inlined
            TALK inline.data
            RETURN ean.data
            """;

    static final List<String> MESSAGES = List.of(
            "qr_code https://example.com/p/42", "ean_13 5901234123457", "No barcode found", "https://example.com/p/42");

    @TempDir
    Path root;

    private String inlined;

    @BeforeEach
    void draw() throws Exception {
        Path codes = Files.createDirectories(root.resolve("store.gbai/store.gbdrive/codes"));
        byte[] qr = png(new QRCodeWriter().encode("https://example.com/p/42", BarcodeFormat.QR_CODE, 200, 200));
        Files.write(codes.resolve("qr.png"), qr);
        Files.write(
                codes.resolve("ean.png"),
                png(new EAN13Writer().encode("5901234123457", BarcodeFormat.EAN_13, 300, 120)));
        Files.write(codes.resolve("blank.png"), png(new BitMatrix(120, 120)));
        Files.writeString(codes.resolve("notes.txt"), "not a picture");
        inlined = "data:image/png;base64," + Base64.getEncoder().encodeToString(qr);
    }

    /** Black modules on white, as a printed code. */
    private static byte[] png(BitMatrix matrix) throws Exception {
        BufferedImage image = new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < matrix.getWidth(); x++) {
            for (int y = 0; y < matrix.getHeight(); y++) {
                image.setRGB(x, y, matrix.get(x, y) ? 0x000000 : 0xFFFFFF);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private BasicflowTestKit kit() {
        return BasicflowTestKit.withPlugins(new VisionPlugin(), new FilesPlugin())
                .configuration("files.root", root.toString());
    }

    @Test
    void codesAreReadDirectAndDurableAndANullSaysThereIsNone() {
        try (BasicflowTestKit kit = kit()) {
            ScriptRun durable = kit.run("store/scan.bas", "#workflow\n" + SCRIPT, Map.of("inlined", inlined));
            assertThat(durable.awaitResult()).isEqualTo(Value.text("5901234123457"));
            assertThat(durable.messages()).isEqualTo(MESSAGES);
            assertThat(durable.events("EffectCompleted")).hasSize(4);
        }
        List<String> direct = new ArrayList<>();
        assertThat(DirectRuns.run(
                        "store/scan.bas",
                        SCRIPT,
                        Map.of("files.root", root.toString()),
                        Map.of("inlined", Value.text(inlined)),
                        direct))
                .isEqualTo(new DirectOutcome.Completed(Optional.of(Value.text("5901234123457"))));
        assertThat(direct).isEqualTo(MESSAGES);
    }

    @Test
    void whatIsNoImageFailsTheStep() {
        List<String> errors = new ArrayList<>();
        try (BasicflowTestKit kit = kit()) {
            for (String source : List.of(
                    "#workflow\nx = SCAN BARCODE \"codes/notes.txt\"\n",
                    "#workflow\nx = SCAN BARCODE \"https://example.com/code.png\"\n")) {
                ScriptRun run = kit.run("store/bad.bas", source);
                run.awaitStatus(ExecutionStatus.FAILED);
                errors.add(run.error().orElseThrow().message());
            }
        }
        assertThat(errors.get(0)).contains("SCAN BARCODE: 'codes/notes.txt' is no image this JDK reads");
        assertThat(errors.get(1)).contains("not a URL ('https://example.com/code.png'); fetch it first with DOWNLOAD");
    }
}
