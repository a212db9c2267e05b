package io.basicflow.vision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.basicflow.spi.KeywordException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Azure Face API's REST protocol (v1.0): {@code POST /face/v1.0/detect?returnFaceId=…
 * &returnFaceLandmarks=…&returnFaceAttributes=…&detectionModel=…&recognitionModel=…} with the image's
 * bytes ({@code application/octet-stream}) or {@code {"url": …}}, and {@code POST /face/v1.0/verify} with
 * {@code {"faceId1", "faceId2"}}; the key in {@code Ocp-Apim-Subscription-Key}; errors as {@code
 * {"error": {"code", "message"}}}.
 *
 * <p>What is tried again (the calls only read, so repeating one is harmless): 429 (after its {@code
 * Retry-After}), 5xx, a connection that could not be made and a request that timed out. A 4xx is the
 * script's or the operator's to fix and fails the step at once.
 */
final class AzureFaceClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    /**
     * What one detect call asks for.
     *
     * @param faceId return the face's id (for VERIFY FACE)
     * @param landmarks return the 27 landmarks
     * @param attributes Azure's attribute names, none for no attributes
     * @param detectionModel {@code detection_01}, …
     * @param recognitionModel {@code recognition_04}, …
     */
    record Detect(
            boolean faceId,
            boolean landmarks,
            List<String> attributes,
            String detectionModel,
            String recognitionModel) {}

    /** The faces Azure found, as its JSON array. */
    JsonNode detect(FaceSettings settings, FaceImage image, Detect detect) throws KeywordException {
        StringBuilder query = new StringBuilder("/face/v1.0/detect?returnFaceId=")
                .append(detect.faceId())
                .append("&returnFaceLandmarks=")
                .append(detect.landmarks());
        if (!detect.attributes().isEmpty()) {
            query.append("&returnFaceAttributes=").append(String.join(",", detect.attributes()));
        }
        query.append("&detectionModel=")
                .append(URLEncoder.encode(detect.detectionModel(), StandardCharsets.UTF_8))
                .append("&recognitionModel=")
                .append(URLEncoder.encode(detect.recognitionModel(), StandardCharsets.UTF_8))
                .append("&returnRecognitionModel=false");
        HttpRequest.Builder request = request(settings, query.toString());
        switch (image) {
            case FaceImage.Url url -> {
                ObjectNode body = JSON.createObjectNode().put("url", url.url());
                request.header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
            }
            case FaceImage.Bytes bytes ->
                request.header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes.bytes()));
        }
        JsonNode faces = send(settings, request.build(), "detect", image.origin());
        if (!faces.isArray()) {
            throw KeywordException.permanent(settings.keyword()
                    + ": Azure Face API's detect answered no list of faces: " + shortened(faces.toString()));
        }
        return faces;
    }

    /** Azure's verdict on two face ids: {@code {"isIdentical", "confidence"}}. */
    JsonNode verify(FaceSettings settings, String faceId1, String faceId2) throws KeywordException {
        ObjectNode body = JSON.createObjectNode().put("faceId1", faceId1).put("faceId2", faceId2);
        HttpRequest request = request(settings, "/face/v1.0/verify")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        JsonNode verdict = send(settings, request, "verify", "face ids " + faceId1 + " and " + faceId2);
        if (!verdict.path("isIdentical").isBoolean()) {
            throw KeywordException.permanent(settings.keyword() + ": Azure Face API's verify answered without"
                    + " isIdentical: " + shortened(verdict.toString()));
        }
        return verdict;
    }

    private static HttpRequest.Builder request(FaceSettings settings, String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(settings.endpoint() + pathAndQuery))
                .timeout(settings.timeout())
                .header("Ocp-Apim-Subscription-Key", settings.key())
                .header("Accept", "application/json");
    }

    private JsonNode send(FaceSettings settings, HttpRequest request, String operation, String what)
            throws KeywordException {
        String keyword = settings.keyword();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw KeywordException.retryable(
                    keyword + ": Azure Face API (" + settings.endpoint() + ") did not answer " + operation + " within "
                            + settings.timeout().toMillis() + " ms (basicflow.vision.face.timeout-ms)",
                    e);
        } catch (IOException e) {
            throw KeywordException.retryable(
                    keyword + ": cannot reach Azure Face API at " + settings.endpoint() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw KeywordException.retryable(keyword + ": interrupted while Azure Face API " + operation + " ran", e);
        }
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        if (status >= 200 && status < 300) {
            return body;
        }
        JsonNode error = body.path("error");
        String code = error.path("code").asText(String.valueOf(status));
        String message = error.path("message").asText(shortened(response.body()));
        String said = " (HTTP " + status + ", " + code + ": " + message + ")";
        if (status == 429) {
            Duration wait = response.headers()
                    .firstValue("Retry-After")
                    .filter(value -> value.strip().matches("[0-9]{1,5}"))
                    .map(value -> Duration.ofSeconds(Long.parseLong(value.strip())))
                    .orElse(Duration.ZERO);
            throw KeywordException.retryableAfter(keyword + ": Azure Face API's rate limit was exceeded" + said, wait);
        }
        if (status >= 500) {
            throw KeywordException.retryable(keyword + ": Azure Face API failed on " + operation + said, null);
        }
        if (status == 401 || status == 403) {
            throw KeywordException.permanent(keyword + ": Azure Face API refused the key" + said
                    + "; check basicflow.vision.face.key (or basicflow.vision.bot." + settings.bot() + ".face.key)");
        }
        if (code.startsWith("InvalidImage") || code.equals("InvalidURL") || code.equals("InvalidImageSize")) {
            throw KeywordException.permanent(keyword + ": invalid image " + what + said);
        }
        throw KeywordException.permanent(keyword + ": Azure Face API refused " + operation + " of " + what + said);
    }

    private static JsonNode parse(String body) {
        try {
            return body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException notJson) {
            return JSON.createObjectNode();
        }
    }

    /** A service's answer for a message: on one line, at most 200 characters. */
    static String shortened(String body) {
        String flat = body.replaceAll("\\s+", " ").strip();
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }
}
