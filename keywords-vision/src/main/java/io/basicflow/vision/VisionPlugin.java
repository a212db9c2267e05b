package io.basicflow.vision;

import io.basicflow.spi.EffectKind;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.PluginConfiguration;
import io.basicflow.spi.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * General Bots' face keywords (keyword-face-api.md) over Azure Face API's REST protocol ({@link
 * AzureFaceClient}), configured by {@code basicflow.vision.face.*} (docs/vision.md):
 *
 * <ul>
 *   <li>{@code faces = DETECT FACES image[, options]}: a list of {@code {face_id, rectangle, confidence,
 *       attributes, landmarks}};
 *   <li>{@code analysis = ANALYZE FACE image[, attributes]}: {@code {face_id, attributes}} of the first
 *       face, {@code NULL} when there is none;
 *   <li>{@code result = VERIFY FACE face1, face2}: {@code {is_identical, confidence, threshold}}, each
 *       argument a face id from DETECT FACES or an image;
 *   <li>{@code barcode = SCAN BARCODE image} (the corpus's store bot): {@code {data, format}} of the
 *       first barcode, decoded in process ({@link BarcodeScanner});
 *   <li>{@code description = SEE image} (the same bot): a vision-capable model's description ({@link
 *       ImageDescriber}).
 * </ul>
 *
 * <p>An image is a path in the bot's storage, an http(s) URL or base64 data. Each call is an idempotent
 * effect: the service's answer is recorded with the step, so a resumed run reads it and never asks
 * again; a rate limit (429), a 5xx, a timeout or no connection is tried again, then fails the step with
 * the last error.
 */
public final class VisionPlugin implements KeywordPlugin {

    /** {@code DETECT FACES image[, options]}. */
    public static final String DETECT_FACES = "DETECT FACES";

    /** {@code ANALYZE FACE image[, attributes]}. */
    public static final String ANALYZE_FACE = "ANALYZE FACE";

    /** {@code VERIFY FACE face1, face2}. */
    public static final String VERIFY_FACE = "VERIFY FACE";

    /** {@code SCAN BARCODE image}. */
    public static final String SCAN_BARCODE = "SCAN BARCODE";

    /** {@code SEE image}. */
    public static final String SEE = "SEE";

    /** Four attempts waiting 1, 2 and 4 s (or longer when a 429 says so). */
    public static final RetryPolicy RETRY = new RetryPolicy(4, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30));

    private static final Set<String> KEYWORDS = Set.of(DETECT_FACES, ANALYZE_FACE, VERIFY_FACE);

    private static final List<KeywordDefinition> DEFINITIONS = List.of(
            KeywordDefinition.builder(DETECT_FACES)
                    .form(KeywordForm.FUNCTION)
                    .parameter(ParameterDefinition.required(
                            "image", "a path in the bot's storage, an http(s) URL or base64 data"))
                    .parameter(ParameterDefinition.optional(
                            "options",
                            "a map: return_attributes, return_landmarks (true/false), detection_model,"
                                    + " recognition_model"))
                    .effect(EffectKind.IDEMPOTENT_EFFECT)
                    .retry(RETRY)
                    .description("Finds the faces in an image (Azure Face API). Returns a list of {face_id,"
                            + " rectangle, confidence, attributes}.")
                    .build(),
            KeywordDefinition.builder(ANALYZE_FACE)
                    .form(KeywordForm.FUNCTION)
                    .parameter(ParameterDefinition.required(
                            "image", "a path in the bot's storage, an http(s) URL or base64 data"))
                    .parameter(ParameterDefinition.optional(
                            "attributes", "a list of attribute names (age, emotion, glasses, …); all when left out"))
                    .effect(EffectKind.IDEMPOTENT_EFFECT)
                    .retry(RETRY)
                    .description("Analyses the first face of an image (Azure Face API). Returns {face_id,"
                            + " attributes}, NULL when there is no face.")
                    .build(),
            KeywordDefinition.builder(VERIFY_FACE)
                    .form(KeywordForm.FUNCTION)
                    .parameter(ParameterDefinition.required("face1", "a face id from DETECT FACES, or an image"))
                    .parameter(ParameterDefinition.required("face2", "a face id from DETECT FACES, or an image"))
                    .effect(EffectKind.IDEMPOTENT_EFFECT)
                    .retry(RETRY)
                    .description("Says whether two faces are the same person (Azure Face API). Returns"
                            + " {is_identical, confidence, threshold}.")
                    .build(),
            KeywordDefinition.builder(SCAN_BARCODE)
                    .form(KeywordForm.FUNCTION)
                    .parameter(ParameterDefinition.required(
                            "image", "a PNG/JPEG image: a path in the bot's storage or base64 data"))
                    .effect(EffectKind.IDEMPOTENT_EFFECT)
                    .retry(RetryPolicy.NONE)
                    .description("Decodes the first barcode or QR code of an image (ZXing, in process). Returns"
                            + " {data, format}, NULL when there is none.")
                    .build(),
            KeywordDefinition.builder(SEE)
                    .form(KeywordForm.FUNCTION)
                    .parameter(ParameterDefinition.required(
                            "image", "a path in the bot's storage, an http(s) URL or base64 data"))
                    .effect(EffectKind.IDEMPOTENT_EFFECT)
                    .retry(RETRY)
                    .description("Describes an image with a vision-capable model (OpenAI-compatible chat endpoint).")
                    .build());

    private final FaceHandler handler = new FaceHandler();
    private final BarcodeScanner scanner = new BarcodeScanner();
    private final ImageDescriber describer = new ImageDescriber();

    /** Creates the plugin; {@link java.util.ServiceLoader} calls this. */
    public VisionPlugin() {}

    @Override
    public String name() {
        return "vision";
    }

    @Override
    public List<KeywordDefinition> keywords() {
        return DEFINITIONS;
    }

    @Override
    public Optional<KeywordHandler> handler(String keyword) {
        if (SCAN_BARCODE.equals(keyword)) {
            return Optional.of(scanner);
        }
        if (SEE.equals(keyword)) {
            return Optional.of(describer);
        }
        return KEYWORDS.contains(keyword) ? Optional.of(handler) : Optional.empty();
    }

    @Override
    public Optional<String> missingConfiguration(String keyword, PluginConfiguration configuration) {
        if (SEE.equals(keyword)) {
            return ImageDescriber.missing(configuration);
        }
        return KEYWORDS.contains(keyword) && !FaceSettings.configuredForSomeBot(configuration)
                ? Optional.of(FaceSettings.needs(keyword))
                : Optional.empty();
    }
}
