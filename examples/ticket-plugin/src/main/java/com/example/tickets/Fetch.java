package com.example.tickets;

import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.PluginConfiguration;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code x = FETCH(url)}: an HTTP GET. A JSON response becomes a basicflow value ({@code
 * x.name}, {@code x.items[0]}), any other response its text.
 *
 * <ul>
 *   <li>Retryable (the engine tries again with backoff): no connection, a timeout, HTTP 408, 425,
 *       429 and 5xx.
 *   <li>Permanent (the step fails at once, the reason in the history): any other status (404, 401,
 *       a redirect that was not followed), a response larger than the limit, invalid JSON, a URL
 *       that is not {@code http} or {@code https}.
 * </ul>
 *
 * <p>A GET changes nothing, so it is safe to repeat after a crash; the request still carries the
 * step's idempotency key in an {@code Idempotency-Key} header, which services that honour it use to
 * deduplicate.
 *
 * <p>Configuration: {@code basicflow.tickets.fetch.timeout-ms} (connect and response, default
 * 10000) and {@code basicflow.tickets.fetch.max-bytes} (largest response body, default 1048576).
 */
final class Fetch {

    static final String TIMEOUT_SETTING = "fetch.timeout-ms";
    static final String MAX_BYTES_SETTING = "fetch.max-bytes";
    static final int DEFAULT_TIMEOUT_MS = 10_000;
    static final int DEFAULT_MAX_BYTES = 1 << 20;

    private static final Pattern CHARSET = Pattern.compile("(?i)charset=\"?([^\";\\s]+)");
    private static final int REASON_LENGTH = 200;

    /** One client per connect timeout: a client holds threads and a connection pool. */
    private final Map<Duration, HttpClient> clients = new ConcurrentHashMap<>();

    Value fetch(Invocation invocation) throws KeywordException {
        PluginConfiguration configuration = invocation.context().configuration();
        Duration timeout;
        int maxBytes;
        try {
            timeout = Duration.ofMillis(positive(configuration, TIMEOUT_SETTING, DEFAULT_TIMEOUT_MS));
            maxBytes = positive(configuration, MAX_BYTES_SETTING, DEFAULT_MAX_BYTES);
        } catch (IllegalArgumentException e) {
            throw KeywordException.permanent("FETCH is not configured correctly: " + e.getMessage());
        }
        URI uri = uri(invocation.argument("url"));
        String shown = shown(uri);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .GET()
                .timeout(timeout)
                .header("Accept", "application/json, text/plain;q=0.9, */*;q=0.5")
                .header("Idempotency-Key", invocation.idempotencyKey())
                .header("User-Agent", "basicflow-ticket-plugin")
                .build();
        HttpResponse<InputStream> response;
        try {
            response = client(timeout).send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw KeywordException.retryable(
                    "FETCH " + shown + ": no answer within " + timeout.toMillis() + " ms (basicflow.tickets."
                            + TIMEOUT_SETTING + ")",
                    e);
        } catch (IOException e) {
            throw KeywordException.retryable("FETCH " + shown + ": cannot reach the server: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw KeywordException.retryable("FETCH " + shown + ": interrupted", e);
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        byte[] body;
        try (InputStream in = response.body()) {
            body = readAtMost(in, maxBytes);
        } catch (IOException e) {
            throw KeywordException.retryable("FETCH " + shown + ": the response broke off: " + describe(e), e);
        }
        int status = response.statusCode();
        if (body == null) {
            throw KeywordException.permanent("FETCH " + shown + ": the response (HTTP " + status + ") is larger than "
                    + maxBytes + " bytes (basicflow.tickets." + MAX_BYTES_SETTING + ")");
        }
        String text = new String(body, charset(contentType));
        if (status >= 200 && status < 300) {
            return value(shown, contentType, text);
        }
        String failure = "FETCH " + shown + ": HTTP " + status + reason(text);
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            throw KeywordException.retryable(failure, null);
        }
        throw KeywordException.permanent(failure);
    }

    private static Value value(String shown, String contentType, String text) throws KeywordException {
        if (text.isEmpty()) {
            return NullValue.NULL;
        }
        if (!isJson(contentType)) {
            return new TextValue(text);
        }
        try {
            return JsonReader.read(text);
        } catch (JsonReader.JsonException e) {
            throw KeywordException.permanent("FETCH " + shown + ": the response is not valid JSON: " + e.getMessage());
        }
    }

    private static boolean isJson(String contentType) {
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.endsWith("+json");
    }

    private static URI uri(Value argument) throws KeywordException {
        String text = argument.display().strip();
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw KeywordException.permanent("FETCH needs a URL, got '" + abbreviate(text) + "': " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw KeywordException.permanent(
                    "FETCH needs an http or https URL with a host, got '" + abbreviate(text) + "'");
        }
        return uri;
    }

    /** The URL as error messages show it: no user info and no query, which may hold secrets. */
    private static String shown(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
                + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
    }

    private HttpClient client(Duration connectTimeout) {
        return clients.computeIfAbsent(
                connectTimeout,
                timeout -> HttpClient.newBuilder()
                        .connectTimeout(timeout)
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .build());
    }

    /** The body, or null when it has more than {@code limit} bytes. */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int total = 0;
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            total += read;
            if (total > limit) {
                return null;
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    private static Charset charset(String contentType) {
        Matcher matcher = CHARSET.matcher(contentType);
        if (matcher.find()) {
            try {
                return Charset.forName(matcher.group(1));
            } catch (IllegalArgumentException e) {
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static String reason(String body) {
        String flat = body.replaceAll("\\p{Cntrl}+", " ").strip();
        return flat.isEmpty() ? "" : ": " + abbreviate(flat);
    }

    private static String abbreviate(String text) {
        return text.length() <= REASON_LENGTH ? text : text.substring(0, REASON_LENGTH - 3) + "...";
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static int positive(PluginConfiguration configuration, String key, int defaultValue) {
        int value = configuration.getInt(key, defaultValue);
        if (value < 1) {
            throw new IllegalArgumentException(
                    "basicflow." + configuration.plugin() + "." + key + " must be positive, was " + value);
        }
        return value;
    }
}
