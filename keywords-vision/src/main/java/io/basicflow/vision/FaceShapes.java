package io.basicflow.vision;

import com.fasterxml.jackson.databind.JsonNode;
import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Azure's face JSON in the shapes keyword-face-api.md documents: snake_case names, {@code rectangle},
 * {@code face_id}, emotions named as the page names them ({@code happiness} → {@code happy}), glasses as
 * {@code none}/{@code reading}/{@code sunglasses}/{@code swimming_goggles}, quality levels in lower case
 * ({@code GoodExposure} → {@code good}).
 */
final class FaceShapes {

    /** The page's attribute names and Azure's, in the page's order. */
    static final Map<String, String> ATTRIBUTES = linked(
            "age", "age",
            "gender", "gender",
            "emotion", "emotion",
            "glasses", "glasses",
            "facial_hair", "facialHair",
            "hair", "hair",
            "makeup", "makeup",
            "accessories", "accessories",
            "occlusion", "occlusion",
            "blur", "blur",
            "exposure", "exposure",
            "noise", "noise",
            "head_pose", "headPose",
            "smile", "smile");

    /** The attributes DETECT FACES returns with {@code return_attributes}: the page's example's four. */
    static final List<String> DETECT_ATTRIBUTES = List.of("age", "gender", "emotion", "glasses");

    private static final Map<String, String> EMOTIONS = linked(
            "happiness", "happy",
            "neutral", "neutral",
            "surprise", "surprise",
            "sadness", "sad",
            "anger", "angry",
            "fear", "fear",
            "disgust", "disgust",
            "contempt", "contempt");

    private FaceShapes() {}

    /**
     * One face of DETECT FACES: {@code face_id}, {@code rectangle}, {@code confidence} (Azure's detect
     * gives none: {@code NULL}), and {@code attributes}/{@code landmarks} when asked.
     */
    static Value detected(JsonNode face, boolean attributes, boolean landmarks) {
        Map<String, Value> out = new LinkedHashMap<>();
        out.put("face_id", text(face.path("faceId")));
        JsonNode rectangle = face.path("faceRectangle");
        Map<String, Value> box = new LinkedHashMap<>();
        for (String side : List.of("top", "left", "width", "height")) {
            box.put(side, number(rectangle.path(side)));
        }
        out.put("rectangle", new MapValue(box));
        out.put("confidence", NullValue.NULL);
        if (attributes) {
            Map<String, Value> summary = new LinkedHashMap<>();
            JsonNode given = face.path("faceAttributes");
            for (String name : DETECT_ATTRIBUTES) {
                Value value = attribute(name, given);
                summary.put(
                        name,
                        value instanceof MapValue emotion && name.equals("emotion")
                                ? emotion.find("primary").orElse(NullValue.NULL)
                                : value);
            }
            out.put("attributes", new MapValue(summary));
        }
        if (landmarks) {
            Map<String, Value> points = new LinkedHashMap<>();
            face.path("faceLandmarks")
                    .properties()
                    .forEach(point -> points.put(
                            snake(point.getKey()),
                            new MapValue(linked(
                                    "x",
                                    number(point.getValue().path("x")),
                                    "y",
                                    number(point.getValue().path("y"))))));
            out.put("landmarks", new MapValue(points));
        }
        return new MapValue(out);
    }

    /** ANALYZE FACE's value for one face: {@code face_id} and the asked attributes. */
    static Value analysed(JsonNode face, List<String> asked) {
        JsonNode given = face.path("faceAttributes");
        Map<String, Value> attributes = new LinkedHashMap<>();
        Map<String, Value> quality = new LinkedHashMap<>();
        for (String name : asked) {
            Value value = attribute(name, given);
            if (List.of("blur", "exposure", "noise").contains(name)) {
                quality.put(name, value);
            } else {
                attributes.put(name, value);
            }
        }
        if (!quality.isEmpty()) {
            attributes.put("quality", new MapValue(quality));
        }
        return new MapValue(linked("face_id", text(face.path("faceId")), "attributes", new MapValue(attributes)));
    }

    /** One attribute by the page's name, from Azure's {@code faceAttributes}. */
    static Value attribute(String name, JsonNode attributes) {
        JsonNode node = attributes.path(ATTRIBUTES.get(name));
        if (node.isMissingNode() || node.isNull()) {
            return NullValue.NULL;
        }
        return switch (name) {
            case "age", "smile" -> number(node);
            case "gender" -> new TextValue(node.asText().toLowerCase(Locale.ROOT));
            case "emotion" -> emotion(node);
            case "glasses" ->
                new TextValue(
                        switch (node.asText()) {
                            case "NoGlasses" -> "none";
                            case "ReadingGlasses" -> "reading";
                            case "Sunglasses" -> "sunglasses";
                            case "SwimmingGoggles" -> "swimming_goggles";
                            default -> snake(node.asText());
                        });
            case "facial_hair" ->
                new MapValue(linked(
                        "beard", number(node.path("beard")),
                        "mustache", number(node.path("moustache")),
                        "sideburns", number(node.path("sideburns"))));
            case "head_pose" ->
                new MapValue(linked(
                        "pitch", number(node.path("pitch")),
                        "roll", number(node.path("roll")),
                        "yaw", number(node.path("yaw"))));
            case "hair" -> hair(node);
            case "makeup" ->
                new MapValue(linked("eye", bool(node.path("eyeMakeup")), "lip", bool(node.path("lipMakeup"))));
            case "occlusion" ->
                new MapValue(linked(
                        "forehead", bool(node.path("foreheadOccluded")),
                        "eye", bool(node.path("eyeOccluded")),
                        "mouth", bool(node.path("mouthOccluded"))));
            case "accessories" -> {
                Map<String, Value> found = new LinkedHashMap<>();
                node.forEach(item -> found.put(item.path("type").asText(), number(item.path("confidence"))));
                yield new MapValue(found);
            }
            case "blur" -> level(node.path("blurLevel"), "");
            case "exposure" -> level(node.path("exposureLevel"), "exposure");
            case "noise" -> level(node.path("noiseLevel"), "");
            default -> NullValue.NULL;
        };
    }

    /** {@code {primary, scores}}, the scores from the most likely down. */
    private static Value emotion(JsonNode node) {
        List<Map.Entry<String, BigDecimal>> scores = new ArrayList<>();
        node.properties()
                .forEach(entry -> scores.add(Map.entry(
                        EMOTIONS.getOrDefault(entry.getKey(), entry.getKey()),
                        entry.getValue().decimalValue())));
        scores.sort(Map.Entry.<String, BigDecimal>comparingByValue(Comparator.reverseOrder()));
        Map<String, Value> byName = new LinkedHashMap<>();
        scores.forEach(entry -> byName.put(entry.getKey(), NumberValue.of(entry.getValue())));
        Value primary = scores.isEmpty()
                ? NullValue.NULL
                : new TextValue(scores.getFirst().getKey());
        return new MapValue(linked("primary", primary, "scores", new MapValue(byName)));
    }

    /** {@code {bald, invisible, color, colors}}: the most likely colour and every colour's confidence. */
    private static Value hair(JsonNode node) {
        Map<String, Value> colors = new LinkedHashMap<>();
        String top = null;
        BigDecimal best = null;
        for (JsonNode color : node.path("hairColor")) {
            BigDecimal confidence = color.path("confidence").decimalValue();
            colors.put(color.path("color").asText(), number(color.path("confidence")));
            if (best == null || confidence.compareTo(best) > 0) {
                best = confidence;
                top = color.path("color").asText();
            }
        }
        return new MapValue(linked(
                "bald",
                number(node.path("bald")),
                "invisible",
                bool(node.path("invisible")),
                "color",
                top == null ? NullValue.NULL : new TextValue(top),
                "colors",
                new MapValue(colors)));
    }

    /** Azure's level word in lower case: {@code Low} → {@code low}, {@code OverExposure} → {@code over}. */
    private static Value level(JsonNode node, String suffix) {
        if (!node.isTextual()) {
            return NullValue.NULL;
        }
        String word = node.asText();
        if (!suffix.isEmpty() && word.toLowerCase(Locale.ROOT).endsWith(suffix)) {
            word = word.substring(0, word.length() - suffix.length());
        }
        return new TextValue(word.toLowerCase(Locale.ROOT));
    }

    static Value number(JsonNode node) {
        if (!node.isNumber()) {
            return NullValue.NULL;
        }
        BigDecimal value = node.decimalValue();
        BigDecimal whole = value.stripTrailingZeros();
        return whole.scale() <= 0 ? NumberValue.of(whole.longValueExact()) : NumberValue.of(value);
    }

    private static Value bool(JsonNode node) {
        return node.isBoolean() ? BooleanValue.of(node.booleanValue()) : NullValue.NULL;
    }

    private static Value text(JsonNode node) {
        return node.isTextual() ? new TextValue(node.asText()) : NullValue.NULL;
    }

    /** {@code pupilLeft} → {@code pupil_left}. */
    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> linked(Object... pairs) {
        Map<String, V> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (V) pairs[i + 1]);
        }
        return map;
    }
}
