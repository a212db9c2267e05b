package io.basicflow.vision;

import com.fasterxml.jackson.databind.JsonNode;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The three face keywords: arguments read, Azure called, its answer in the page's shape. */
final class FaceHandler implements KeywordHandler {

    /** Azure's verify calls two faces one person from a confidence of 0.5 on (its documented default). */
    static final BigDecimal THRESHOLD = new BigDecimal("0.5");

    /** A face id as Azure's detect gives it: a GUID. */
    private static final Pattern FACE_ID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static final String DEFAULT_DETECTION = "detection_01";
    private static final String DEFAULT_RECOGNITION = "recognition_04";

    private final AzureFaceClient azure = new AzureFaceClient();

    @Override
    public Value invoke(Invocation invocation) throws KeywordException {
        FaceSettings settings = FaceSettings.of(invocation.keyword(), invocation.context());
        return switch (invocation.keyword()) {
            case VisionPlugin.DETECT_FACES -> detectFaces(invocation, settings);
            case VisionPlugin.ANALYZE_FACE -> analyzeFace(invocation, settings);
            case VisionPlugin.VERIFY_FACE -> verifyFace(invocation, settings);
            default -> throw KeywordException.permanent("the vision plugin has no keyword " + invocation.keyword());
        };
    }

    private Value detectFaces(Invocation invocation, FaceSettings settings) throws KeywordException {
        FaceImage image = FaceImage.of(invocation, invocation.argument("image"), "the image");
        Map<String, Value> options = options(invocation);
        boolean attributes = flag(options, "return_attributes");
        boolean landmarks = flag(options, "return_landmarks");
        AzureFaceClient.Detect detect = new AzureFaceClient.Detect(
                true,
                landmarks,
                attributes ? FaceShapes.DETECT_ATTRIBUTES : List.of(),
                word(invocation, options, "detection_model", DEFAULT_DETECTION),
                word(invocation, options, "recognition_model", DEFAULT_RECOGNITION));
        List<Value> faces = new ArrayList<>();
        for (JsonNode face : azure.detect(settings, image, detect)) {
            faces.add(FaceShapes.detected(face, attributes, landmarks));
        }
        return new ListValue(faces);
    }

    private Value analyzeFace(Invocation invocation, FaceSettings settings) throws KeywordException {
        FaceImage image = FaceImage.of(invocation, invocation.argument("image"), "the image");
        List<String> asked = new ArrayList<>();
        Value given = invocation.argument("attributes");
        if (given instanceof NullValue) {
            asked.addAll(FaceShapes.ATTRIBUTES.keySet());
        } else {
            List<Value> names = given instanceof ListValue list ? list.elements() : List.of(given);
            for (Value name : names) {
                String attribute = name.display().strip().toLowerCase(Locale.ROOT);
                if (!FaceShapes.ATTRIBUTES.containsKey(attribute)) {
                    throw KeywordException.permanent("ANALYZE FACE: '" + name.display() + "' is no attribute; the"
                            + " attributes are " + String.join(", ", FaceShapes.ATTRIBUTES.keySet()));
                }
                if (!asked.contains(attribute)) {
                    asked.add(attribute);
                }
            }
        }
        List<String> azureNames = asked.stream().map(FaceShapes.ATTRIBUTES::get).toList();
        JsonNode faces = azure.detect(
                settings,
                image,
                new AzureFaceClient.Detect(true, false, azureNames, DEFAULT_DETECTION, DEFAULT_RECOGNITION));
        // The page tests "analysis != NULL": no face is NULL; of several, the first (Azure lists the largest first).
        return faces.isEmpty() ? NullValue.NULL : FaceShapes.analysed(faces.get(0), asked);
    }

    private Value verifyFace(Invocation invocation, FaceSettings settings) throws KeywordException {
        String first = faceId(invocation, settings, invocation.argument("face1"), "the first image");
        String second = faceId(invocation, settings, invocation.argument("face2"), "the second image");
        JsonNode verdict = azure.verify(settings, first, second);
        Map<String, Value> result = new LinkedHashMap<>();
        result.put("is_identical", BooleanValue.of(verdict.path("isIdentical").booleanValue()));
        result.put("confidence", FaceShapes.number(verdict.path("confidence")));
        result.put("threshold", NumberValue.of(THRESHOLD));
        return new MapValue(result);
    }

    /** A face id as given, or the id of the first face Azure finds in an image. */
    private String faceId(Invocation invocation, FaceSettings settings, Value argument, String which)
            throws KeywordException {
        if (argument instanceof TextValue text
                && FACE_ID.matcher(text.value().strip()).matches()) {
            return text.value().strip();
        }
        FaceImage image = FaceImage.of(invocation, argument, which);
        JsonNode faces = azure.detect(
                settings,
                image,
                new AzureFaceClient.Detect(true, false, List.of(), DEFAULT_DETECTION, DEFAULT_RECOGNITION));
        if (faces.isEmpty() || !faces.get(0).path("faceId").isTextual()) {
            throw KeywordException.permanent("VERIFY FACE: no face found in " + which + " (" + image.origin()
                    + "); check it with DETECT FACES first, or ask for a clearer photo");
        }
        return faces.get(0).path("faceId").asText();
    }

    private static Map<String, Value> options(Invocation invocation) throws KeywordException {
        Value given = invocation.argument("options");
        if (given instanceof NullValue) {
            return Map.of();
        }
        if (!(given instanceof MapValue map)) {
            throw KeywordException.permanent("DETECT FACES: the options must be a map such as"
                    + " #{return_attributes: true}, was '" + given.display() + "'");
        }
        Map<String, Value> options = new LinkedHashMap<>();
        map.entries().forEach((key, value) -> options.put(key.toLowerCase(Locale.ROOT), value));
        for (String key : options.keySet()) {
            if (!List.of("return_attributes", "return_landmarks", "detection_model", "recognition_model")
                    .contains(key)) {
                throw KeywordException.permanent("DETECT FACES: '" + key + "' is no option; the options are"
                        + " return_attributes, return_landmarks, detection_model and recognition_model");
            }
        }
        return options;
    }

    private static boolean flag(Map<String, Value> options, String name) {
        Value value = options.getOrDefault(name, NullValue.NULL);
        return !(value instanceof NullValue) && value.isTruthy();
    }

    private static String word(Invocation invocation, Map<String, Value> options, String name, String standard)
            throws KeywordException {
        Value value = options.getOrDefault(name, NullValue.NULL);
        if (value instanceof NullValue) {
            return standard;
        }
        String word = value.display().strip();
        if (!word.matches("[a-z0-9_]{1,40}")) {
            throw KeywordException.permanent(invocation.keyword() + ": the option " + name + " must be a model name"
                    + " such as " + standard + ", was '" + word + "'");
        }
        return word;
    }
}
