package io.basicflow.vision;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * {@code barcode = SCAN BARCODE image} (the corpus's store bot): the first barcode ZXing finds in a PNG,
 * JPEG, GIF or BMP image — QR, Data Matrix, Aztec, PDF 417, EAN-13/8, UPC-A/E, Code 128/39/93, Codabar,
 * ITF — as {@code {data, format}} ({@code format} in lower case: {@code qr_code}, {@code ean_13}); {@code
 * NULL} when there is none, so that {@code IF NOT barcode} reads as the script means. Decoded in process,
 * no service called; recorded like the face keywords, so a resumed run reads the same answer even if the
 * file changed since.
 */
final class BarcodeScanner implements KeywordHandler {

    private static final Map<DecodeHintType, Object> HINTS = Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE);

    @Override
    public Value invoke(Invocation invocation) throws KeywordException {
        FaceImage image = FaceImage.of(invocation, invocation.argument("image"), "the image");
        if (!(image instanceof FaceImage.Bytes bytes)) {
            throw KeywordException.permanent("SCAN BARCODE reads an image of the bot's storage or base64 data, not"
                    + " a URL (" + image.origin() + "); fetch it first with DOWNLOAD url TO \"path\"");
        }
        BufferedImage picture;
        try {
            picture = ImageIO.read(new ByteArrayInputStream(bytes.bytes()));
        } catch (IOException e) {
            picture = null;
        }
        if (picture == null) {
            throw KeywordException.permanent(
                    "SCAN BARCODE: " + bytes.origin() + " is no image this JDK reads (PNG, JPEG, GIF or BMP)");
        }
        int width = picture.getWidth();
        int height = picture.getHeight();
        int[] pixels = picture.getRGB(0, 0, width, height, null, 0, width);
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, height, pixels)));
        Result result;
        try {
            result = new MultiFormatReader().decode(bitmap, HINTS);
        } catch (NotFoundException none) {
            return NullValue.NULL;
        }
        Map<String, Value> found = new LinkedHashMap<>();
        found.put("data", new TextValue(result.getText()));
        found.put("format", new TextValue(result.getBarcodeFormat().name().toLowerCase(Locale.ROOT)));
        return new MapValue(found);
    }
}
