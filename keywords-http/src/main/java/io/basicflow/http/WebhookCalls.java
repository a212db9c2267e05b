package io.basicflow.http;

import io.basicflow.spi.ExecutionScope;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.InvocationContext;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.PluginConfiguration;
import io.basicflow.spi.value.Json;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.Value;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code WEBHOOK POST path WITH data} (also {@code WEBHOOK POST path, data}, and {@code r = WEBHOOK
 * POST …}): one POST of the data as JSON to a webhook.
 *
 * <ul>
 *   <li>A relative path ({@code "/internal/consent-changed"}) is joined to {@code
 *       basicflow.http.webhook-base-url} ({@code {bot}} in it stands for the bot's name); when that is
 *       empty, to this server's own webhooks, {@code http://<api.host>:<api.port>/api/<bot>/webhook}.
 *       The base's host is the operator's choice, so the address policy lets it through; the path may
 *       not hold {@code .} or {@code ..} segments, so it cannot leave the base. An absolute http(s)
 *       URL is called as it is, under the address policy like any HTTP keyword.
 *   <li>Every attempt carries the step's {@code Idempotency-Key}, so the receiver acts once; in a
 *       durable run the answer is recorded and a resumed run never posts again for a completed step.
 *   <li>With {@code basicflow.http.webhook-secret} (for this server's own webhooks, {@code
 *       basicflow.webhooks.secret}) the body is signed as {@code X-Webhook-Signature: sha256=<hex
 *       HMAC-SHA256>}, the header this server's webhooks check; to this server the API token ({@code
 *       basicflow.api.token}) is sent too.
 *   <li>2xx: the answer's body as a value ({@code NULL} when empty). 5xx, 429, a timeout: retried as
 *       {@code POST} is. Any other status fails the step with the status and the answer's start.
 * </ul>
 */
final class WebhookCalls {

    private final HttpCalls calls;

    WebhookCalls(HttpCalls calls) {
        this.calls = calls;
    }

    Value post(Invocation invocation) throws KeywordException {
        Value pathArgument = invocation.argument("path");
        if (pathArgument instanceof NullValue || pathArgument.display().isBlank()) {
            throw KeywordException.permanent("WEBHOOK POST needs the webhook's path or URL, e.g. WEBHOOK POST"
                    + " \"/orders-changed\" WITH {…}");
        }
        String target = pathArgument.display().strip();
        Value data = data(invocation);
        InvocationContext context = invocation.context();
        PluginConfiguration http = context.configuration();
        String bot = context.scope().map(ExecutionScope::bot).orElse(ExecutionScope.DEFAULT_BOT);
        boolean relative = !StorageTargets.isUrl(target);
        String configuredBase = http.get("webhook-base-url", "").strip();
        boolean ownServer = relative && configuredBase.isEmpty();
        String url;
        if (relative) {
            String base = ownServer ? ownBase(context, bot) : configuredBase.replace("{bot}", segment(bot));
            url = join(base, target);
        } else {
            url = target;
        }
        URI uri;
        try {
            uri = Urls.parse(Urls.lenient(url));
        } catch (IllegalArgumentException e) {
            throw KeywordException.permanent("WEBHOOK POST: " + e.getMessage()
                    + (relative ? " (the path joined to basicflow.http.webhook-base-url)" : ""));
        }
        byte[] body =
                Json.write(data instanceof NullValue ? MapValue.EMPTY : data).getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        Optional<String> secret = http.get("webhook-secret").filter(text -> !text.isBlank());
        if (ownServer) {
            if (secret.isEmpty()) {
                secret = context.configurationOf("webhooks").get("secret").filter(text -> !text.isBlank());
            }
            context.configurationOf("api")
                    .get("token")
                    .filter(token -> !token.isBlank())
                    .ifPresent(token -> headers.put("Authorization", "Bearer " + token.strip()));
        }
        secret.ifPresent(key -> headers.put("X-Webhook-Signature", "sha256=" + hmac(key, body)));
        HttpAnswer answer = calls.exchange(invocation, "POST", uri, relative, headers, body);
        int status = answer.status();
        if (status < 200 || status >= 300) {
            throw KeywordException.permanent(
                    "WEBHOOK POST " + answer.url() + " answered " + status + HttpCalls.snippet(answer));
        }
        return HttpCalls.bodyValue("WEBHOOK POST", answer);
    }

    /** The body: the data argument or the WITH clause, not both. */
    private static Value data(Invocation invocation) throws KeywordException {
        Value data = invocation.argument("data");
        Value with = invocation.argument("with");
        if (!(with instanceof NullValue)) {
            if (!(data instanceof NullValue)) {
                throw KeywordException.permanent(
                        "WEBHOOK POST: write either WEBHOOK POST path, data or WEBHOOK POST path WITH data, not both");
            }
            return with;
        }
        return data;
    }

    /** This server's own webhooks: {@code http://<api.host>:<api.port>/api/<bot>/webhook}. */
    private static String ownBase(InvocationContext context, String bot) {
        PluginConfiguration api = context.configurationOf("api");
        String host = api.get("host", "127.0.0.1").strip();
        if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = "127.0.0.1"; // listening on every address: reach it on loopback
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        String port = api.get("port", "8080").strip();
        return "http://" + host + ":" + port + "/api/" + segment(bot) + "/webhook";
    }

    /**
     * The base and the path, one slash between them. The path's segments may not be {@code .} or
     * {@code ..} (written or percent-encoded): a script's path stays below the base.
     */
    static String join(String base, String path) throws KeywordException {
        String trimmedPath = path.replaceFirst("^/+", "");
        int query = trimmedPath.indexOf('?');
        String pathPart = query < 0 ? trimmedPath : trimmedPath.substring(0, query);
        if (pathPart.contains("\\")) {
            throw KeywordException.permanent("WEBHOOK POST: the path '" + path + "' holds a backslash");
        }
        for (String segment : pathPart.split("/", -1)) {
            String decoded;
            try {
                decoded = URLDecoder.decode(segment, StandardCharsets.UTF_8).strip();
            } catch (IllegalArgumentException e) {
                decoded = segment;
            }
            if (decoded.equals(".") || decoded.equals("..")) {
                throw KeywordException.permanent("WEBHOOK POST: the path '" + path
                        + "' has a '" + decoded + "' segment, which could leave the webhook base; write the"
                        + " path below it");
            }
        }
        String trimmedBase = base.replaceFirst("/+$", "");
        return trimmedPath.isEmpty() ? trimmedBase : trimmedBase + "/" + trimmedPath;
    }

    private static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Hex HMAC-SHA256 of the body with the secret's UTF-8 bytes, as the webhooks check it. */
    static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("this JDK cannot compute HMAC-SHA256", e);
        }
    }
}
