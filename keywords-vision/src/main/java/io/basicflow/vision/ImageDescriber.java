package io.basicflow.vision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.PluginConfiguration;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * {@code description = SEE image} (the corpus's store bot): a description of the image by a
 * vision-capable model behind an OpenAI-compatible chat endpoint ({@code POST …/chat/completions}, the
 * image in the user message as an {@code image_url} part: a data URL of its bytes, or its http(s) URL),
 * configured by {@code basicflow.vision.see.base-url}, {@code .model} and {@code .api-key}. The answer is
 * recorded with the step: a resumed run reads it and never asks again.
 */
final class ImageDescriber implements KeywordHandler {

    /** What the model is asked; the corpus feeds the description to a product search and an LLM. */
    static final String PROMPT = "Describe this image in detail: what it shows, any product with its brand,"
            + " category, colour and material, and any text written in it.";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    /** What {@code SEE} needs configured, for {@code check} and for a step run without it. */
    static Optional<String> missing(PluginConfiguration configuration) {
        return configuration.get("see.base-url").isPresent()
                        && configuration.get("see.model").isPresent()
                ? Optional.empty()
                : Optional.of("SEE needs basicflow.vision.see.base-url (an OpenAI-compatible endpoint of a"
                        + " vision-capable model, such as https://api.openai.com/v1) and basicflow.vision.see.model;"
                        + " see docs/vision.md");
    }

    @Override
    public Value invoke(Invocation invocation) throws KeywordException {
        PluginConfiguration configuration = invocation.context().configuration();
        Optional<String> missing = missing(configuration);
        if (missing.isPresent()) {
            throw KeywordException.permanent(missing.get());
        }
        String base = configuration.require("see.base-url").strip().replaceAll("/+$", "");
        Duration timeout = Duration.ofMillis(configuration.getInt("see.timeout-ms", 60_000));
        FaceImage image = FaceImage.of(invocation, invocation.argument("image"), "the image");
        String url = switch (image) {
            case FaceImage.Url given -> given.url();
            case FaceImage.Bytes bytes ->
                "data:" + mediaType(bytes) + ";base64," + Base64.getEncoder().encodeToString(bytes.bytes());
        };
        ObjectNode body = JSON.createObjectNode().put("model", configuration.require("see.model"));
        ArrayNode content =
                body.putArray("messages").addObject().put("role", "user").putArray("content");
        content.addObject().put("type", "text").put("text", PROMPT);
        content.addObject().put("type", "image_url").putObject("image_url").put("url", url);
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(base + "/chat/completions"));
        } catch (IllegalArgumentException e) {
            throw KeywordException.permanent("SEE: basicflow.vision.see.base-url is no URL: '" + base + "'");
        }
        request.timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        configuration.get("see.api-key").ifPresent(key -> request.header("Authorization", "Bearer " + key));
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw KeywordException.retryable(
                    "SEE: the model at " + base + " did not answer within " + timeout.toMillis()
                            + " ms (basicflow.vision.see.timeout-ms)",
                    e);
        } catch (IOException e) {
            throw KeywordException.retryable("SEE: cannot reach the model at " + base + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw KeywordException.retryable("SEE: interrupted while the model answered", e);
        }
        int status = response.statusCode();
        String said = "(HTTP " + status + ": " + AzureFaceClient.shortened(response.body()) + ")";
        if (status == 429 || status >= 500) {
            throw KeywordException.retryable("SEE: the model at " + base + " is busy or failed " + said, null);
        }
        if (status == 401 || status == 403) {
            throw KeywordException.permanent(
                    "SEE: the model at " + base + " refused the key " + said + "; check basicflow.vision.see.api-key");
        }
        if (status < 200 || status >= 300) {
            throw KeywordException.permanent("SEE: the model at " + base + " refused the request " + said);
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body())
                    .path("choices")
                    .path(0)
                    .path("message")
                    .path("content");
        } catch (IOException e) {
            answer = JSON.missingNode();
        }
        if (!answer.isTextual()) {
            throw KeywordException.permanent("SEE: the model answered no text " + said);
        }
        return new TextValue(answer.asText().strip());
    }

    /** The image's type from its first bytes; what is none of these is no image a model reads. */
    private static String mediaType(FaceImage.Bytes image) throws KeywordException {
        byte[] b = image.bytes();
        if (b.length > 3 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "image/png";
        }
        if (b.length > 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8) {
            return "image/jpeg";
        }
        if (b.length > 3 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F') {
            return "image/gif";
        }
        if (b.length > 11 && b[0] == 'R' && b[1] == 'I' && b[8] == 'W' && b[9] == 'E' && b[10] == 'B') {
            return "image/webp";
        }
        throw KeywordException.permanent(
                "SEE: " + image.origin() + " is no PNG, JPEG, GIF or WebP image; a vision model reads only those");
    }
}
