package io.basicflow.ai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.basicflow.spi.KeywordException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Asks an OpenAI-compatible image endpoint for one picture: {@code POST <base>/images/generations} with
 * {@code {model, prompt, n: 1, size, response_format: "b64_json"}}, the image read from {@code
 * data[0].b64_json}. No retries of its own (the engine retries the step): 429, 5xx, timeouts and
 * connection failures are retryable, other answers are not.
 */
final class ImageClient {

    /** Created on first use: an ObjectMapper and an HTTP client are costly, most runs make no image. */
    private static final class Shared {
        static final ObjectMapper JSON = new ObjectMapper();
        static final HttpClient HTTP = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The largest image answer read, in bytes of its JSON. */
    static final int MAX_ANSWER_BYTES = 32 * 1024 * 1024;

    /**
     * One image.
     *
     * @param baseUrl the endpoint, e.g. {@code http://127.0.0.1:8080/v1}
     * @param apiKey sent as a bearer token
     * @param model the image model's name
     * @param prompt what to draw
     * @param size {@code 1024x1024} or {@code 1024x1792}
     * @param timeout how long the call may take
     * @return the image file's bytes (PNG or JPEG, as the endpoint made it)
     */
    byte[] generate(String baseUrl, String apiKey, String model, String prompt, String size, Duration timeout)
            throws KeywordException {
        String url = baseUrl.endsWith("/") ? baseUrl + "images/generations" : baseUrl + "/images/generations";
        ObjectNode body = Shared.JSON
                .createObjectNode()
                .put("model", model)
                .put("prompt", prompt)
                .put("n", 1)
                .put("size", size)
                .put("response_format", "b64_json");
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + apiKey)
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                    .build();
        } catch (IllegalArgumentException e) {
            throw KeywordException.permanent(
                    "the image endpoint '" + baseUrl + "' is not a URL: check basicflow.ai.image-base-url", e);
        }
        HttpResponse<byte[]> response;
        try {
            response = Shared.HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw KeywordException.retryable(
                    "the image endpoint " + url + " did not answer within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw KeywordException.retryable("the image endpoint " + url + " could not be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw KeywordException.retryable("interrupted while waiting for the image endpoint " + url, e);
        }
        int status = response.statusCode();
        String text = new String(response.body(), StandardCharsets.UTF_8);
        if (status == 429 || status >= 500) {
            throw KeywordException.retryable(
                    "the image endpoint " + url + " answered HTTP " + status + ": " + shorten(text), null);
        }
        if (status == 401 || status == 403) {
            throw KeywordException.permanent(
                    "the image endpoint " + url + " refused the key (HTTP " + status + "): check basicflow.ai.api-key");
        }
        if (status / 100 != 2) {
            throw KeywordException.permanent(
                    "the image endpoint " + url + " rejected the request (HTTP " + status + "): " + shorten(text));
        }
        if (response.body().length > MAX_ANSWER_BYTES) {
            throw KeywordException.permanent(
                    "the image endpoint " + url + " answered more than " + MAX_ANSWER_BYTES / (1024 * 1024) + " MiB");
        }
        String encoded;
        try {
            JsonNode answer = Shared.JSON.readTree(text);
            encoded = answer.path("data").path(0).path("b64_json").asText("");
        } catch (JsonProcessingException e) {
            throw KeywordException.permanent("the image endpoint " + url + " did not answer JSON: " + shorten(text), e);
        }
        if (encoded.isBlank()) {
            throw KeywordException.permanent("the image endpoint " + url + " answered no image in data[0].b64_json"
                    + " (basicflow asks for response_format b64_json): " + shorten(text));
        }
        try {
            return Base64.getMimeDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw KeywordException.permanent("the image endpoint " + url + " answered b64_json that is not Base64", e);
        }
    }

    private static String shorten(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
