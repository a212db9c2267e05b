package io.basicflow.files;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.basicflow.spi.EffectKind;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * {@code path = QR CODE data[, size[, output_path]]} (also {@code QRCODE}): a PNG image of a QR code
 * that encodes the text, written into the bot's storage; the value is its path. The image is square,
 * {@code size} pixels wide (default 256; a code with more modules than fit gets the fewest pixels that
 * hold it), black on white with the standard quiet zone, error correction level M, the text in UTF-8.
 *
 * <p>Without an output path the image goes to {@code work/qrcodes/<hash>.png}, the hash of the text and
 * the size: the same code is the same file, and a step repeated after a crash writes the same file
 * again instead of leaving a second one (General Bots names it by a random UUID).
 */
final class QrCodeKeyword {

    /** Where images without an output path go, as General Bots puts them. */
    static final String FOLDER = "work/qrcodes";

    static final int DEFAULT_SIZE = 256;

    static final int MIN_SIZE = 21;

    static final int MAX_SIZE = 4096;

    static final List<KeywordDefinition> DEFINITIONS = List.of(definition("QR CODE"), definition("QRCODE"));

    private QrCodeKeyword() {}

    private static KeywordDefinition definition(String name) {
        return KeywordDefinition.builder(name)
                .form(KeywordForm.FUNCTION)
                .effect(EffectKind.IDEMPOTENT_EFFECT)
                .retry(FilesPlugin.RETRY)
                .parameter(ParameterDefinition.required("data", "the text to encode: a URL, a WIFI: or vCard text, …"))
                .parameter(ParameterDefinition.optional("size", "the image's width and height in pixels (default 256)"))
                .parameter(ParameterDefinition.optional(
                        "output_path", "where to write the PNG in the bot's storage (default work/qrcodes/…)"))
                .description("Writes a PNG image of a QR code that encodes the text into the bot's storage and"
                        + " returns its path.")
                .build();
    }

    static Value generate(Invocation invocation) throws KeywordException {
        String keyword = invocation.keyword();
        Value data = invocation.argument("data");
        if (data instanceof NullValue || data.display().isEmpty()) {
            throw KeywordException.permanent(keyword + ": the data to encode is empty; give a text or a URL");
        }
        int size = size(keyword, invocation.argument("size"));
        Value output = invocation.argument("output_path");
        String path = output instanceof NullValue
                ? FOLDER + "/" + BotStorage.shortHash(data.display() + "\n" + size) + ".png"
                : output.display();
        byte[] png = png(keyword, data.display(), size);
        return new TextValue(FilesPlugin.storage(invocation).write(keyword, path, png, invocation.idempotencyKey()));
    }

    private static int size(String keyword, Value given) throws KeywordException {
        if (given instanceof NullValue) {
            return DEFAULT_SIZE;
        }
        int size;
        try {
            size = given instanceof NumberValue number
                    ? number.toBigDecimal().intValueExact()
                    : Integer.parseInt(given.display().strip());
        } catch (ArithmeticException | NumberFormatException e) {
            throw KeywordException.permanent(
                    keyword + ": the size " + given.display() + " is no whole number of pixels");
        }
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw KeywordException.permanent(keyword + ": the size " + size + " is outside " + MIN_SIZE + " to "
                    + MAX_SIZE + " pixels (256 to 512 scan well on a phone)");
        }
        return size;
    }

    /** The PNG bytes of the code. */
    static byte[] png(String keyword, String data, int size) throws KeywordException {
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter()
                    .encode(
                            data,
                            BarcodeFormat.QR_CODE,
                            size,
                            size,
                            Map.of(
                                    EncodeHintType.CHARACTER_SET,
                                    StandardCharsets.UTF_8.name(),
                                    EncodeHintType.ERROR_CORRECTION,
                                    ErrorCorrectionLevel.M));
        } catch (WriterException | IllegalArgumentException e) {
            throw KeywordException.permanent(keyword + ": cannot encode " + data.length()
                    + " characters in a QR code (" + e.getMessage() + "); a code holds at most about 2,300"
                    + " characters of text at this error correction");
        }
        BufferedImage image = new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                image.setRGB(x, y, matrix.get(x, y) ? 0xFF000000 : 0xFFFFFFFF);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException("writing a PNG to memory failed", e);
        }
        return out.toByteArray();
    }
}
