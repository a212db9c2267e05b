package io.basicflow.app.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.basicflow.app.scripts.ScriptCheck;
import io.basicflow.app.scripts.ScriptInfo;
import io.basicflow.app.scripts.ScriptLibrary;
import io.basicflow.app.scripts.ScriptLibraryException;
import io.basicflow.app.scripts.ScriptMode;
import io.basicflow.app.scripts.ScriptSource;
import io.basicflow.compiler.webhook.WebhookDeclaration;
import io.basicflow.engine.api.BotNames;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.engine.api.StartRequest;
import io.basicflow.engine.api.StartResult;
import io.basicflow.engine.api.WorkflowEngine;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.Value;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The endpoints that scripts declare with {@code WEBHOOK "name"} (General Bots' keyword-webhook.md):
 * {@code GET} or {@code POST /api/{bot}/webhook/{name}} starts the bot's script that declares the name,
 * with the request as its variables ({@code params}, {@code body}, {@code headers}, {@code method},
 * {@code path}), waits for it to end and answers with its {@code result_…} variables (see
 * docs/integrations.md).
 *
 * <ul>
 *   <li>Each request starts exactly one execution; a request with an {@code Idempotency-Key} header
 *       starts it once per key (a repeat waits for and answers with the same execution).
 *   <li>The scripts folder is the registry: a script's declarations are read when it changes (name,
 *       size and time), so a deployed or edited script's endpoint works at once and a removed one is 404.
 *   <li>Without a webhook secret the routes are behind the API token like every route; with {@code
 *       basicflow.webhooks.secret} they are open to callers that sign the body ({@code
 *       X-Webhook-Signature: sha256=<hex HMAC-SHA256 of the body>}) instead, as payment and Git
 *       providers sign their webhooks.
 * </ul>
 */
public final class WebhookEndpoints implements HttpExtension {

    /** The header of a request's HMAC-SHA256 signature, {@code sha256=<hex>}. */
    public static final String SIGNATURE_HEADER = "X-Webhook-Signature";

    /** The answer's header naming the execution the request started. */
    public static final String EXECUTION_HEADER = "Basicflow-Execution-Id";

    private static final Pattern PATH = Pattern.compile("/api/[^/]+/webhook/[^/]+/?");
    private static final String ROUTE = "/api/{bot}/webhook/{name}";

    private final WorkflowEngine engine;
    private final ScriptLibrary scripts;
    private final HttpServerConfig config;
    private final Optional<byte[]> secret;
    private final Duration timeout;
    /** Each script's declarations, by script name, with the size and time they were read at. */
    private final Map<String, Declared> declared = new ConcurrentHashMap<>();

    private record Declared(long size, Instant modified, List<WebhookDeclaration> webhooks) {}

    /**
     * The webhook routes.
     *
     * @param engine the durable executions
     * @param scripts the scripts folder, the registry of the declarations
     * @param config the API's settings (its token, its body limit)
     * @param secret the webhooks' signing secret; empty keeps them behind the API token
     * @param timeout the longest a request waits for its execution to end before answering 202
     */
    public WebhookEndpoints(
            WorkflowEngine engine,
            ScriptLibrary scripts,
            HttpServerConfig config,
            Optional<String> secret,
            Duration timeout) {
        this.engine = requireNonNull(engine, "engine is null");
        this.scripts = requireNonNull(scripts, "scripts is null");
        this.config = requireNonNull(config, "config is null");
        this.secret = requireNonNull(secret, "secret is null")
                .filter(value -> !value.isBlank())
                .map(value -> value.getBytes(StandardCharsets.UTF_8));
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    @Override
    public void routes(RoutesConfig routes) {
        routes.get(ROUTE, this::call);
        routes.post(ROUTE, this::call);
    }

    @Override
    public boolean isPublic(String path) {
        return secret.isPresent() && PATH.matcher(path).matches();
    }

    /**
     * The webhooks the folder declares now, as {@code bot/name → script}, for the start-up log.
     *
     * @return the routes' scripts by {@code bot/name}
     */
    public Map<String, String> declared() {
        Map<String, String> routes = new LinkedHashMap<>();
        for (ScriptInfo info : scripts.list().scripts()) {
            Optional<String> bot = BotNames.botOf(info.name());
            if (bot.isEmpty()) {
                continue;
            }
            for (WebhookDeclaration webhook : declarations(info)) {
                routes.putIfAbsent(bot.get() + "/" + webhook.name(), info.name());
            }
        }
        return routes;
    }

    private void call(Context ctx) {
        String bot = ctx.pathParam("bot");
        String name = ctx.pathParam("name");
        byte[] body = Requests.body(ctx, config.maxBodyBytes());
        if (secret.isPresent()) {
            checkSignature(ctx, body);
        }
        ScriptSource script = script(bot, name);
        ScriptCheck check = scripts.check(script.info().name(), script.source());
        if (!check.compiles()) {
            throw new ApiProblem(
                    ProblemType.SCRIPT_DOES_NOT_COMPILE,
                    script.info().name() + " (webhook " + name + ") does not compile; fix it",
                    ApiProblem.members(
                            "script", script.info().name(), "diagnostics", Views.diagnostics(check.diagnostics())));
        }
        if (check.mode() != ScriptMode.WORKFLOW) {
            throw new ApiProblem(
                    ProblemType.NOT_A_WORKFLOW,
                    script.info().name() + " (webhook " + name + ") is not a #workflow script and this server runs"
                            + " such scripts directly (basicflow.scripts.default-mode=direct); add #workflow as its"
                            + " first line to serve it as a webhook",
                    Map.of("script", script.info().name()));
        }
        Map<String, Value> variables = new LinkedHashMap<>();
        variables.put("params", params(ctx));
        variables.put("body", bodyValue(ctx, body));
        variables.put("headers", headers(ctx));
        variables.put("method", Value.text(ctx.method().name()));
        variables.put("path", Value.text(ctx.path()));
        Optional<String> id = Optional.ofNullable(ctx.header(ExecutionEndpoints.IDEMPOTENCY_KEY))
                .map(String::strip)
                .filter(key -> !key.isEmpty())
                .map(key -> "webhook." + bot + "." + name + "." + sha256(key));
        boolean withoutPragma = ScriptMode.declaredBy(script.source()) != ScriptMode.WORKFLOW;
        StartResult started =
                engine.start(new StartRequest(id, script.info().name(), script.source(), variables, withoutPragma));
        ExecutionView view = engine.awaitEnd(started.executionId(), timeout);
        ctx.header(EXECUTION_HEADER, view.id());
        answer(ctx, view, name);
    }

    /** The bot's script that declares the name, read fresh; 404 when none does, 409 when two do. */
    private ScriptSource script(String bot, String name) {
        if (!BotNames.isBotName(bot) || !WebhookDeclaration.NAME.matcher(name).matches()) {
            throw new ApiProblem(
                    ProblemType.NOT_FOUND,
                    "no webhook '" + name + "' in bot '" + bot + "': a webhook is"
                            + " /api/<bot>/webhook/<name>, the name letters, digits, hyphens and underscores");
        }
        List<String> declaring = new ArrayList<>();
        for (ScriptInfo info : scripts.list().scripts()) {
            if (!BotNames.botOf(info.name()).filter(bot::equals).isPresent()) {
                continue;
            }
            for (WebhookDeclaration webhook : declarations(info)) {
                if (webhook.name().equals(name)) {
                    declaring.add(info.name() + ":" + webhook.line() + ":" + webhook.column());
                }
            }
        }
        if (declaring.isEmpty()) {
            throw new ApiProblem(
                    ProblemType.NOT_FOUND,
                    "no script of bot '" + bot + "' declares WEBHOOK \"" + name + "\"",
                    Map.of("bot", bot, "webhook", name));
        }
        if (declaring.size() > 1) {
            throw new ApiProblem(
                    ProblemType.EXECUTION_CONFLICT,
                    "two scripts of bot '" + bot + "' declare WEBHOOK \"" + name + "\" (" + String.join(", ", declaring)
                            + "); a webhook's name must be unique in its bot: rename one",
                    ApiProblem.members("bot", bot, "declaredAt", declaring));
        }
        String where = declaring.getFirst();
        return scripts.load(where.substring(0, where.indexOf(':')));
    }

    private List<WebhookDeclaration> declarations(ScriptInfo info) {
        Declared known = declared.get(info.name());
        if (known != null && known.size() == info.size() && known.modified().equals(info.modified())) {
            return known.webhooks();
        }
        List<WebhookDeclaration> webhooks;
        try {
            ScriptSource source = scripts.load(info.name());
            webhooks = WebhookDeclaration.declaredIn(info.name(), source.source());
        } catch (ScriptLibraryException unreadable) {
            webhooks = List.of();
        }
        declared.put(info.name(), new Declared(info.size(), info.modified(), webhooks));
        return webhooks;
    }

    private void checkSignature(Context ctx, byte[] body) {
        String header = ctx.header(SIGNATURE_HEADER);
        if (header == null || !header.strip().startsWith("sha256=")) {
            throw new ApiProblem(
                    ProblemType.UNAUTHORIZED,
                    "this server's webhooks must be signed: send " + SIGNATURE_HEADER
                            + ": sha256=<hex HMAC-SHA256 of the body with the webhook secret>");
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.strip().substring(7).toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException notHex) {
            throw new ApiProblem(ProblemType.UNAUTHORIZED, SIGNATURE_HEADER + " must be sha256=<hex digits>");
        }
        if (!MessageDigest.isEqual(given, hmac(secret.orElseThrow(), body))) {
            throw new ApiProblem(
                    ProblemType.UNAUTHORIZED,
                    "the webhook's signature does not match its body; sign the exact bytes sent with the secret");
        }
    }

    /** HMAC-SHA256 of the body with the secret. */
    static byte[] hmac(byte[] key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static Value params(Context ctx) {
        Map<String, Value> params = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((name, values) -> params.put(name, one(values)));
        return new MapValue(params);
    }

    private static Value one(List<String> values) {
        return values.size() == 1
                ? Value.text(values.getFirst())
                : new ListValue(
                        values.stream().map(Value::text).map(Value.class::cast).toList());
    }

    /** JSON as a value, a form as a map, other text as text; an empty body is an empty map. */
    private static Value bodyValue(Context ctx, byte[] body) {
        if (body.length == 0) {
            return MapValue.EMPTY;
        }
        String type = Optional.ofNullable(ctx.contentType()).orElse("").toLowerCase(Locale.ROOT);
        if (type.contains("json")) {
            return Json.toValue(Json.parse(body), "");
        }
        String text = Requests.text(body);
        if (type.startsWith("application/x-www-form-urlencoded")) {
            Map<String, List<String>> fields = new LinkedHashMap<>();
            for (String pair : text.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                String[] parts = pair.split("=", 2);
                fields.computeIfAbsent(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
                        .add(parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            }
            Map<String, Value> form = new LinkedHashMap<>();
            fields.forEach((name, values) -> form.put(name, one(values)));
            return new MapValue(form);
        }
        return Value.text(text);
    }

    /**
     * The request's headers, names in lower case with {@code _} for {@code -} ({@code
     * headers.x_webhook_signature}); the {@code Authorization} header is left out when it carried this
     * server's API token, which must not be stored in the execution.
     */
    private Value headers(Context ctx) {
        boolean tokenAuthenticated = config.apiToken().isPresent() && secret.isEmpty();
        Map<String, Value> headers = new LinkedHashMap<>();
        ctx.headerMap().forEach((name, value) -> {
            String key = name.toLowerCase(Locale.ROOT).replace('-', '_');
            if (!(tokenAuthenticated && key.equals("authorization"))) {
                headers.put(key, Value.text(value));
            }
        });
        return new MapValue(headers);
    }

    /**
     * Completed: the {@code result_…} variables as a JSON object (a {@code result_status} that is an HTTP
     * status code sets the answer's status), else the script's {@code RETURN} value, else 204. Failed:
     * 500 with the error. Cancelled: 409. Still running or waiting: 202 with the execution's place.
     */
    private void answer(Context ctx, ExecutionView view, String name) {
        switch (view.status()) {
            case COMPLETED -> {
                Map<String, Value> results = new LinkedHashMap<>();
                view.variables().forEach((variable, value) -> {
                    if (variable.startsWith("result_") && variable.length() > 7) {
                        results.put(variable.substring(7), value);
                    }
                });
                int status = 200;
                if (results.get("status") instanceof NumberValue number) {
                    long code = number.display().matches("[0-9]{3}") ? Long.parseLong(number.display()) : 0;
                    if (code >= 200 && code <= 599) {
                        status = (int) code;
                    }
                }
                if (!results.isEmpty()) {
                    Responses.json(ctx, status, Json.toJson(results));
                } else if (view.result().isPresent()) {
                    Responses.json(ctx, 200, Json.toJson(view.result().get()));
                } else {
                    ctx.status(204);
                }
            }
            case FAILED ->
                throw new ApiProblem(
                        ProblemType.INTERNAL_ERROR,
                        "the script of webhook '" + name + "' (" + view.scriptName() + ") failed: "
                                + view.error().map(Object::toString).orElse("no error recorded")
                                + "; GET " + Views.executionPath(view.id()) + " shows it, POST …/retry runs it again",
                        Map.of("executionId", view.id()));
            case CANCELLED ->
                throw new ApiProblem(
                        ProblemType.EXECUTION_STATE,
                        "the execution of webhook '" + name + "' was cancelled",
                        ApiProblem.members(
                                "executionId",
                                view.id(),
                                "executionStatus",
                                view.status().name()));
            default -> {
                ctx.header("Location", Views.executionPath(view.id()));
                ObjectNode json = Json.object();
                json.put("executionId", view.id());
                json.put("status", view.status().name());
                json.put(
                        "detail",
                        "the script had not ended after " + timeout.toSeconds() + " s; GET "
                                + Views.executionPath(view.id()) + " follows it");
                Responses.json(ctx, 202, json);
            }
        }
    }
}
