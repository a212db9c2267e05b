package io.basicflow.http;

import io.basicflow.spi.KeywordException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one request with the JDK's {@link HttpClient}: follows redirects itself (each target is
 * checked by the {@link AddressPolicy}), stops reading at the size limit ({@link LimitedBody}), and
 * bounds the whole exchange, body included, by the request timeout.
 */
final class WebClient {

    private static final List<String> RESTRICTED = List.of("connection", "content-length", "expect", "host", "upgrade");

    private final HttpClient client;

    WebClient(Duration connectTimeout) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Sends a request and reads its answer.
     *
     * @param method the verb
     * @param uri where to
     * @param headers the request headers
     * @param body the body, or null for none
     * @throws KeywordException retryable for connection failures and timeouts, permanent for a
     *     refused address, too many redirects or a body over the limit
     */
    HttpAnswer send(String method, URI uri, Map<String, String> headers, byte[] body, HttpSettings settings)
            throws KeywordException {
        Instant deadline = Instant.now().plus(settings.requestTimeout());
        String currentMethod = method;
        byte[] currentBody = body;
        URI current = uri;
        for (int redirects = 0; ; redirects++) {
            String refusal = settings.addresses().refusal(current);
            if (refusal != null) {
                throw KeywordException.permanent("refused to call " + Urls.safe(current)
                        + (redirects > 0 ? " (a redirect)" : "") + ": " + refusal);
            }
            HttpAnswer answer = exchange(currentMethod, current, headers, currentBody, settings, deadline);
            String location = answer.header("location");
            boolean redirect = answer.status() == 301
                    || answer.status() == 302
                    || answer.status() == 303
                    || answer.status() == 307
                    || answer.status() == 308;
            if (!redirect || location == null) {
                return answer;
            }
            if (redirects >= settings.maxRedirects()) {
                throw KeywordException.permanent(method + " " + Urls.safe(uri) + ": more than "
                        + settings.maxRedirects() + " redirects (basicflow.http.max-redirects)");
            }
            try {
                current = Urls.parse(current.resolve(location).toString());
            } catch (IllegalArgumentException e) {
                throw KeywordException.permanent(method + " " + Urls.safe(uri) + " redirects to " + e.getMessage());
            }
            if (answer.status() == 303
                    || ((answer.status() == 301 || answer.status() == 302) && !currentMethod.equals("GET"))) {
                currentMethod = "GET"; // as browsers do: the redirected request carries no body
                currentBody = null;
            }
        }
    }

    private HttpAnswer exchange(
            String method, URI uri, Map<String, String> headers, byte[] body, HttpSettings settings, Instant deadline)
            throws KeywordException {
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw timeout(method, uri, settings);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(left)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                request.header(name, value);
            }
        });
        CompletableFuture<HttpResponse<byte[]>> sent =
                client.sendAsync(request.build(), LimitedBody.handler(settings.maxResponseBytes()));
        try {
            HttpResponse<byte[]> response = sent.get(left.toMillis() + 1, TimeUnit.MILLISECONDS);
            if (response.body() == null) {
                throw KeywordException.permanent(method + " " + Urls.safe(uri) + ": the answer is larger than "
                        + settings.maxResponseBytes() + " bytes (basicflow.http.max-response-bytes)");
            }
            Map<String, List<String>> names = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> names.put(name.toLowerCase(Locale.ROOT), values));
            return new HttpAnswer(response.statusCode(), names, response.body(), Urls.safe(uri), uri);
        } catch (TimeoutException e) {
            sent.cancel(true);
            throw timeout(method, uri, settings);
        } catch (InterruptedException e) {
            sent.cancel(true);
            Thread.currentThread().interrupt();
            throw KeywordException.retryable(method + " " + Urls.safe(uri) + " was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw timeout(method, uri, settings);
            }
            throw KeywordException.retryable(method + " " + Urls.safe(uri) + " failed: " + describe(cause), cause);
        }
    }

    private static KeywordException timeout(String method, URI uri, HttpSettings settings) {
        return KeywordException.retryable(
                method + " " + Urls.safe(uri) + ": no complete answer within "
                        + settings.requestTimeout().toMillis() + " ms (basicflow.http.timeout-ms)",
                null);
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown error";
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
