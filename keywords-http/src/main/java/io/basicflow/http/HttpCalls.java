package io.basicflow.http;

import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.PluginConfiguration;
import io.basicflow.spi.value.Json;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Runs the verbs: builds the request from the arguments and the headers of {@code SET HEADER},
 * sends it, and turns the answer into the keyword's value or failure.
 *
 * <ul>
 *   <li>2xx: the body, a map or list for JSON, text otherwise, {@code NULL} when empty.
 *   <li>408, 425, 429, 5xx, no connection, a timeout, a connection closed mid-body: retryable (the
 *       keyword's retry policy, waiting at least what a {@code Retry-After} header asks).
 *   <li>any other status (4xx, a 3xx without a location): the call completes with a map {@code
 *       {status, error, headers}}, {@code error} holding the body, so the script can test it.
 *   <li>a refused address, too many redirects, an answer over the size limit, an invalid URL or
 *       invalid JSON: a permanent failure of the step.
 * </ul>
 */
final class HttpCalls {

    /** The plugin state entry holding the last answer's status and headers ({@code HTTP RESPONSE}). */
    static final String LAST_RESPONSE = "response";

    private volatile Cached cached;

    private record Cached(
            PluginConfiguration configuration, HttpSettings settings, WebClient client, HeaderVault vault) {}

    Cached setup(PluginConfiguration configuration) throws KeywordException {
        Cached current = cached;
        if (current != null && current.configuration().equals(configuration)) {
            return current;
        }
        HttpSettings settings;
        try {
            settings = HttpSettings.from(configuration);
        } catch (IllegalArgumentException e) {
            throw KeywordException.permanent(e.getMessage());
        }
        current = new Cached(
                configuration, settings, new WebClient(settings.connectTimeout()), new HeaderVault(settings));
        cached = current;
        return current;
    }

    Value setHeader(Invocation invocation) throws KeywordException {
        Cached setup = setup(invocation.context().configuration());
        Value value = invocation.argument("value");
        Headers.set(
                HttpState.of(invocation),
                setup.vault(),
                invocation.argument("name").display(),
                value instanceof NullValue ? "" : value.display());
        return Value.nullValue();
    }

    Value clearHeaders(Invocation invocation) {
        Headers.clear(HttpState.of(invocation));
        return Value.nullValue();
    }

    Value lastResponse(Invocation invocation) {
        return HttpState.of(invocation).get(LAST_RESPONSE);
    }

    /**
     * The body's value: the {@code data} argument, the map of a {@code WITH} clause, or, with more
     * than three arguments ({@code POST url, p1, p2, p3, …}), the list of every argument after the URL.
     */
    private static Value data(String keyword, Invocation invocation) throws KeywordException {
        Value data = invocation.argument("data");
        Value with = invocation.argument("with");
        if (!(with instanceof NullValue)) {
            if (!(data instanceof NullValue)) {
                throw KeywordException.permanent(keyword + ": write either " + keyword + " url, data or " + keyword
                        + " url WITH field = value, …, not both");
            }
            return with;
        }
        if (invocation.argument("more") instanceof ListValue more
                && !more.elements().isEmpty()) {
            List<Value> all = new ArrayList<>();
            all.add(data);
            all.add(invocation.argument("content_type"));
            all.addAll(more.elements());
            return new ListValue(all);
        }
        return data;
    }

    /**
     * One call.
     *
     * @param method GET, POST, PUT, PATCH or DELETE
     * @param sendsIdempotencyKey whether to send the step's key as {@code Idempotency-Key}
     */
    Value call(String method, Invocation invocation, boolean sendsIdempotencyKey) throws KeywordException {
        Cached setup = setup(invocation.context().configuration());
        String keyword = invocation.keyword();
        URI uri = uri(keyword, invocation.argument("url").display());
        Map<String, String> headers = new LinkedHashMap<>(Headers.current(HttpState.of(invocation), setup.vault()));
        byte[] body = null;
        Value data = data(keyword, invocation);
        boolean positional = invocation.argument("more") instanceof ListValue more
                && !more.elements().isEmpty();
        if (!(data instanceof NullValue) || method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            String contentType = positional || invocation.argument("content_type") instanceof NullValue
                    ? header(headers, "content-type")
                    : invocation.argument("content_type").display();
            if (contentType == null) {
                contentType = defaultContentType(data);
            }
            body = body(data, contentType);
            putHeader(headers, "Content-Type", contentType);
        }
        if (sendsIdempotencyKey && header(headers, "idempotency-key") == null) {
            headers.put("Idempotency-Key", invocation.idempotencyKey());
        }
        HttpAnswer answer = send(method, uri, headers, body, invocation, setup);
        Value bodyValue = bodyValue(keyword, answer);
        int status = answer.status();
        if (status >= 200 && status < 300) {
            return bodyValue;
        }
        Map<String, Value> failure = new LinkedHashMap<>();
        failure.put("status", Value.number(status));
        failure.put("error", bodyValue);
        failure.put("headers", responseHeaders(answer));
        return new MapValue(failure);
    }

    /**
     * A GET of a URL with the headers of {@code SET HEADER}, for a keyword that keeps the answer's
     * bytes ({@code DOWNLOAD}, {@code UPLOAD}): retried and recorded as {@code HTTP RESPONSE} like
     * {@code GET}'s.
     *
     * @return the answer, whatever its status below 500 (the caller decides what a 4xx means)
     */
    HttpAnswer fetch(Invocation invocation, String url) throws KeywordException {
        Cached setup = setup(invocation.context().configuration());
        URI uri = uri(invocation.keyword(), url);
        Map<String, String> headers = new LinkedHashMap<>(Headers.current(HttpState.of(invocation), setup.vault()));
        return send("GET", uri, headers, null, invocation, setup);
    }

    /**
     * A request of another keyword of this plugin ({@code GRAPHQL}, {@code SOAP}): the headers of
     * {@code SET HEADER} with the given ones over them and the step's {@code Idempotency-Key} (unless
     * the script set one), retried and recorded as {@code HTTP RESPONSE}
     * like the verbs' requests.
     *
     * @param method the HTTP method
     * @param url the URL as the script gave it
     * @param extraHeaders headers that replace {@code SET HEADER}'s of the same name
     * @param body the body, or null
     * @param answerAsIs answers the caller reads whatever their status (a SOAP fault comes with 500):
     *     not thrown as retryable
     * @return the answer
     */
    HttpAnswer exchange(
            Invocation invocation,
            String method,
            String url,
            Map<String, String> extraHeaders,
            byte[] body,
            java.util.function.Predicate<HttpAnswer> answerAsIs)
            throws KeywordException {
        Cached setup = setup(invocation.context().configuration());
        URI uri = uri(invocation.keyword(), url);
        Map<String, String> headers = new LinkedHashMap<>(Headers.current(HttpState.of(invocation), setup.vault()));
        extraHeaders.forEach((name, value) -> putHeader(headers, name, value));
        if (header(headers, "idempotency-key") == null) {
            headers.put("Idempotency-Key", invocation.idempotencyKey());
        }
        return send(method, uri, headers, body, invocation, setup, answerAsIs);
    }

    /**
     * A request to a URL the configuration chose rather than the script ({@code WEBHOOK POST}'s base
     * URL): like {@link #exchange}, but the address policy lets that URL's host through, since the
     * operator named it (redirects elsewhere are checked as always).
     *
     * @param uri where to
     * @param trustHost whether the URL's host is the configuration's, let through the address policy
     */
    HttpAnswer exchange(
            Invocation invocation,
            String method,
            URI uri,
            boolean trustHost,
            Map<String, String> extraHeaders,
            byte[] body)
            throws KeywordException {
        Cached setup = setup(invocation.context().configuration());
        if (trustHost) {
            HttpSettings settings = setup.settings();
            setup = new Cached(
                    setup.configuration(),
                    settings.withAddresses(settings.addresses().allowing(uri.getHost())),
                    setup.client(),
                    setup.vault());
        }
        Map<String, String> headers = new LinkedHashMap<>(Headers.current(HttpState.of(invocation), setup.vault()));
        extraHeaders.forEach((name, value) -> putHeader(headers, name, value));
        if (header(headers, "idempotency-key") == null) {
            headers.put("Idempotency-Key", invocation.idempotencyKey());
        }
        return send(method, uri, headers, body, invocation, setup);
    }

    private static URI uri(String keyword, String text) throws KeywordException {
        try {
            return Urls.parse(text);
        } catch (IllegalArgumentException e) {
            throw KeywordException.permanent(keyword + ": " + e.getMessage());
        }
    }

    /** Sends, logs, throws for the statuses that are retried, and records the answer's status and headers. */
    private static HttpAnswer send(
            String method, URI uri, Map<String, String> headers, byte[] body, Invocation invocation, Cached setup)
            throws KeywordException {
        return send(method, uri, headers, body, invocation, setup, answer -> false);
    }

    private static HttpAnswer send(
            String method,
            URI uri,
            Map<String, String> headers,
            byte[] body,
            Invocation invocation,
            Cached setup,
            java.util.function.Predicate<HttpAnswer> answerAsIs)
            throws KeywordException {
        long started = System.nanoTime();
        HttpAnswer answer = setup.client().send(method, uri, headers, body, setup.settings());
        long millis = (System.nanoTime() - started) / 1_000_000;
        invocation
                .context()
                .logger()
                .log(
                        Level.DEBUG,
                        "{0} {1} -> {2} in {3} ms (attempt {4})",
                        method,
                        Urls.safe(uri),
                        answer.status(),
                        millis,
                        invocation.attempt());
        int status = answer.status();
        if ((status == 408 || status == 425 || status == 429 || status >= 500) && !answerAsIs.test(answer)) {
            String problem = method + " " + Urls.safe(uri) + " answered " + status + snippet(answer);
            Duration retryAfter = retryAfter(
                    answer.header("retry-after"), invocation.context().clock());
            if (retryAfter == null) {
                throw KeywordException.retryable(problem, null);
            }
            if (retryAfter.compareTo(setup.settings().maxRetryAfter()) > 0) {
                throw KeywordException.permanent(problem + "; it asks to wait " + retryAfter.toSeconds()
                        + " s, longer than basicflow.http.max-retry-after-seconds");
            }
            throw KeywordException.retryableAfter(
                    problem + "; retrying after " + retryAfter.toMillis() + " ms", retryAfter);
        }
        Map<String, Value> last = new LinkedHashMap<>();
        last.put("status", Value.number(status));
        last.put("url", Value.text(answer.url()));
        last.put("headers", recordedHeaders(answer));
        MapValue response = new MapValue(last);
        HttpState state = HttpState.of(invocation);
        // Recorded with the step only when it changed: a run of calls to one server (the same status and
        // headers) then adds nothing to each step's event and snapshot.
        if (!response.equals(state.get(LAST_RESPONSE))) {
            state.put(LAST_RESPONSE, response);
        }
        return answer;
    }

    /**
     * The headers {@code HTTP RESPONSE} shows: the answer's, without those that describe the
     * connection or the moment rather than the answer ({@link #UNRECORDED}), which would make every
     * answer differ from the last and be recorded again.
     */
    private static Value recordedHeaders(HttpAnswer answer) {
        Map<String, List<String>> kept = new LinkedHashMap<>(answer.headers());
        kept.keySet().removeAll(UNRECORDED);
        return responseHeaders(kept);
    }

    /** Headers of the transport and the clock, left out of {@code HTTP RESPONSE} (names in lower case). */
    static final List<String> UNRECORDED = List.of("date", "connection", "keep-alive", "transfer-encoding");

    private static String header(Map<String, String> headers, String lowerName) {
        for (Map.Entry<String, String> entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(lowerName)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static void putHeader(Map<String, String> headers, String name, String value) {
        headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
        headers.put(name, value);
    }

    private static String defaultContentType(Value data) {
        if (data instanceof TextValue text) {
            String trimmed = text.value().trim();
            boolean json = (trimmed.startsWith("{") && trimmed.endsWith("}"))
                    || (trimmed.startsWith("[") && trimmed.endsWith("]"));
            return json ? "application/json" : "text/plain; charset=UTF-8";
        }
        return "application/json";
    }

    private static byte[] body(Value data, String contentType) {
        String lower = contentType.toLowerCase(Locale.ROOT);
        if (lower.startsWith("application/x-www-form-urlencoded") && data instanceof MapValue map) {
            StringJoiner form = new StringJoiner("&");
            map.entries()
                    .forEach((name, value) -> form.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(value.display(), StandardCharsets.UTF_8)));
            return form.toString().getBytes(StandardCharsets.UTF_8);
        }
        return switch (data) {
            case NullValue ignored -> new byte[0];
            case TextValue text -> text.value().getBytes(StandardCharsets.UTF_8);
            default -> Json.write(data).getBytes(StandardCharsets.UTF_8);
        };
    }

    static Value bodyValue(String keyword, HttpAnswer answer) throws KeywordException {
        if (answer.body().length == 0) {
            return Value.nullValue();
        }
        String contentType = answer.header("content-type");
        String text = new String(answer.body(), charset(contentType));
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json")) {
            try {
                return JsonValues.read(text);
            } catch (IllegalArgumentException e) {
                throw KeywordException.permanent(keyword + " " + answer.url() + ": the answer says it is JSON ("
                        + contentType + ") but is not: " + e.getMessage());
            }
        }
        return new TextValue(text);
    }

    static Charset charset(String contentType) {
        if (contentType != null) {
            for (String part : contentType.split(";")) {
                String trimmed = part.trim();
                if (trimmed.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                    try {
                        return Charset.forName(
                                trimmed.substring(8).replace("\"", "").trim());
                    } catch (RuntimeException e) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** The answer's headers for the script; secret ones (cookies, tokens) masked. */
    private static Value responseHeaders(HttpAnswer answer) {
        return responseHeaders(answer.headers());
    }

    private static Value responseHeaders(Map<String, List<String>> answerHeaders) {
        Map<String, Value> headers = new LinkedHashMap<>();
        answerHeaders.forEach((name, values) -> {
            if (name.startsWith(":")) {
                return; // HTTP/2 pseudo-headers
            }
            List<String> shown = Headers.isSecret(name) ? List.of("***") : values;
            headers.put(name, shown.size() == 1 ? Value.text(shown.getFirst()) : Value.of(shown));
        });
        return new MapValue(headers);
    }

    static String snippet(HttpAnswer answer) {
        if (answer.body().length == 0) {
            return "";
        }
        String text = new String(answer.body(), 0, Math.min(answer.body().length, 200), StandardCharsets.UTF_8)
                .replaceAll("\\s+", " ")
                .trim();
        return text.isEmpty() ? "" : ": " + text;
    }

    /** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String header, java.time.Clock clock) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String trimmed = header.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(trimmed)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration wait = Duration.between(
                        clock.instant(), ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME));
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (RuntimeException notADate) {
                return null;
            }
        }
    }
}
