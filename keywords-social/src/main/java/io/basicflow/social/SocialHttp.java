package io.basicflow.social;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.Value;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * One request to a network, sent again while the network answers that it did not take it (429 or
 * 5xx, waiting {@code Retry-After} when given, else a doubling pause) or the connection could not be
 * opened. A connection lost after the request left is not sent again: the post may exist, so the step
 * fails saying so. Every request carries the step's {@code Idempotency-Key}.
 */
final class SocialHttp {

    static final ObjectMapper JSON = new ObjectMapper();

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    /** An answer of 2xx, its body parsed when it is JSON. */
    record Answer(int status, JsonNode json, HttpResponse<String> response) {}

    private SocialHttp() {}

    /**
     * Sends the request (built afresh for each attempt: OAuth signatures carry a nonce) and returns a
     * 2xx answer; a 4xx fails the step with the network's message.
     */
    static Answer send(
            String keyword,
            String network,
            SocialSettings settings,
            String idempotencyKey,
            Supplier<HttpRequest.Builder> request)
            throws KeywordException {
        Duration pause = settings.retryBase();
        int attempts = Math.max(1, settings.attempts());
        String last = "";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            HttpRequest built = request.get()
                    .timeout(settings.timeout())
                    .header("Idempotency-Key", idempotencyKey)
                    .build();
            HttpResponse<String> response;
            try {
                response = CLIENT.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (ConnectException | HttpConnectTimeoutException e) {
                last = "cannot reach " + network + " at " + built.uri().getHost() + ":"
                        + built.uri().getPort() + " (" + e + ")";
                sleep(pause);
                pause = pause.multipliedBy(2);
                continue;
            } catch (IOException e) {
                throw KeywordException.permanent(
                        keyword + ": the connection to " + network + " was lost after the request left (" + e
                                + "); the post may exist, so it is not sent again: look at the " + network
                                + " account, then retry or cancel the execution",
                        e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw KeywordException.permanent(
                        keyword + ": interrupted before " + network + " answered; not sent again", e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new Answer(status, parse(response.body()), response);
            }
            if (status == 429 || status >= 500) {
                last = network + " answered " + status + ": " + shortened(response.body());
                Duration wait = response.headers()
                        .firstValue("Retry-After")
                        .flatMap(SocialHttp::seconds)
                        .orElse(pause);
                sleep(wait.compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : wait);
                pause = pause.multipliedBy(2);
                continue;
            }
            if (status == 401 || status == 403) {
                throw KeywordException.permanent(keyword + ": " + network + " refused the credentials (" + status
                        + ": " + shortened(response.body()) + "); check the " + network
                        + " settings in docs/social.md");
            }
            throw KeywordException.permanent(
                    keyword + ": " + network + " answered " + status + ": " + shortened(response.body()));
        }
        throw KeywordException.permanent(
                keyword + ": " + network + " did not take the request after " + attempts + " attempts; last: " + last);
    }

    private static java.util.Optional<Duration> seconds(String header) {
        try {
            return java.util.Optional.of(Duration.ofSeconds(Long.parseLong(header.strip())));
        } catch (NumberFormatException notSeconds) {
            return java.util.Optional.empty();
        }
    }

    private static void sleep(Duration pause) throws KeywordException {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw KeywordException.permanent("interrupted while waiting to retry", e);
        }
    }

    static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException notJson) {
            return JSON.createObjectNode();
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON answer as a script value (maps, lists, numbers, texts). */
    static Value value(JsonNode node) {
        return Value.of(JSON.convertValue(node, Object.class));
    }

    static String form(Map<String, String> fields) {
        StringJoiner out = new StringJoiner("&");
        fields.forEach((key, value) -> out.add(encode(key) + "=" + encode(value)));
        return out.toString();
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static String shortened(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
