package io.basicflow.app.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.basicflow.app.scripts.ScriptCheck;
import io.basicflow.app.scripts.ScriptDiagnostic;
import io.basicflow.app.scripts.ScriptLibrary;
import io.basicflow.app.scripts.ScriptMode;
import io.basicflow.app.scripts.ScriptSource;
import io.basicflow.app.tools.ScriptParameters;
import io.basicflow.engine.api.BotNames;
import io.basicflow.engine.api.DeliveryIds;
import io.basicflow.engine.api.EventView;
import io.basicflow.engine.api.ExecutionNotFoundException;
import io.basicflow.engine.api.ExecutionPage;
import io.basicflow.engine.api.ExecutionQuery;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionView;
import io.basicflow.engine.api.MessageView;
import io.basicflow.engine.api.StartRequest;
import io.basicflow.engine.api.StartResult;
import io.basicflow.engine.api.WorkflowEngine;
import io.basicflow.spi.value.Value;
import io.basicflow.tools.ToolArgumentException;
import io.basicflow.tools.ToolSignature;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** The handlers of {@code /executions} and below. */
final class ExecutionEndpoints {

    static final int DEFAULT_PAGE_SIZE = 50;
    static final int DEFAULT_BATCH = 100;
    static final int MAX_BATCH = 1000;
    static final String DEFAULT_CANCEL_REASON = "cancelled through the HTTP API";

    /** The request header that makes an input delivery idempotent. */
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private static final int MAX_VARIABLE_NAME = 200;
    private static final int MAX_REASON = 2000;

    private final WorkflowEngine engine;
    private final ScriptLibrary scripts;
    private final ToolSchemas tools;
    private final HttpServerConfig config;
    private final InFlight inFlight;
    private final MessageStream stream;
    /**
     * The last check of each script, by name, with the source it checked: a start of an unchanged
     * script does not compile it again (the check depends only on the name, the source and this
     * process's plugins). As many entries as the server has scripts.
     */
    private final ConcurrentHashMap<String, CheckedSource> checks = new ConcurrentHashMap<>();

    private record CheckedSource(String source, ScriptCheck check) {}

    ExecutionEndpoints(
            WorkflowEngine engine,
            ScriptLibrary scripts,
            ToolSchemas tools,
            HttpServerConfig config,
            InFlight inFlight,
            MessageStream stream) {
        this.engine = requireNonNull(engine, "engine is null");
        this.scripts = requireNonNull(scripts, "scripts is null");
        this.tools = requireNonNull(tools, "tools is null");
        this.config = requireNonNull(config, "config is null");
        this.inFlight = requireNonNull(inFlight, "inFlight is null");
        this.stream = requireNonNull(stream, "stream is null");
    }

    /** {@code POST /executions}. */
    void start(Context ctx) {
        Requests.kind(ctx, EnumSet.of(Requests.BodyKind.JSON));
        ObjectNode request = Requests.jsonObject(
                Requests.body(ctx, config.maxBodyBytes()), Set.of("script", "bot", "id", "variables", "user"));
        String scriptName = scriptOrBot(request);
        Optional<String> id = Requests.optionalText(request, "id").map(value -> Requests.executionId(value, "/id"));
        Map<String, Value> variables = StartUser.apply(request, variables(request.get("variables")));

        // The status first (one column): a new id, the common case, needs no whole view.
        if (id.isPresent() && engine.status(id.get()).isPresent()) {
            Optional<ExecutionView> existing = engine.find(id.get());
            if (existing.isPresent()) {
                ExecutionView view = existing.get();
                if (!sameScript(view.scriptName(), scriptName)) {
                    throw new ApiProblem(
                            ProblemType.EXECUTION_CONFLICT,
                            "execution '" + view.id() + "' already exists for script '" + view.scriptName() + "', not '"
                                    + scriptName + "'; choose another id",
                            ApiProblem.members("executionId", view.id(), "existingScript", view.scriptName()));
                }
                answerStarted(ctx, view, false);
                return;
            }
        }

        ScriptSource script = scripts.load(scriptName);
        String canonicalName = script.info().name();
        ScriptCheck check = check(canonicalName, script.source());
        if (!check.compiles()) {
            throw new ApiProblem(
                    ProblemType.SCRIPT_DOES_NOT_COMPILE,
                    canonicalName + " does not compile (" + errorCount(check) + "); fix it and start again",
                    ApiProblem.members("script", canonicalName, "diagnostics", Views.diagnostics(check.diagnostics())));
        }
        if (check.mode() != ScriptMode.WORKFLOW) {
            throw new ApiProblem(
                    ProblemType.NOT_A_WORKFLOW,
                    canonicalName + " is not a #workflow script and this server runs such scripts directly"
                            + " (basicflow.scripts.default-mode=direct); add #workflow as its first line, or set"
                            + " basicflow.scripts.default-mode=durable, to run it durably (a script without it runs"
                            + " directly, in memory, e.g. with './basicflow run')",
                    Map.of("script", canonicalName));
        }
        if (check.parameters().isPresent()) {
            variables = parameters(canonicalName, check.parameters().get(), variables);
        }
        // The library said this server runs it durably: a script without #workflow starts too.
        boolean withoutPragma = ScriptMode.declaredBy(script.source()) != ScriptMode.WORKFLOW;
        StartResult result =
                engine.start(new StartRequest(id, canonicalName, script.source(), variables, withoutPragma));
        ExecutionView view = engine.find(result.executionId())
                .orElseThrow(() -> new IllegalStateException(
                        "the engine started execution " + result.executionId() + " but cannot find it"));
        answerStarted(ctx, view, result.created());
    }

    /**
     * The script a start names: {@code "script"}, or {@code "bot"} for a bot's entry ({@code
     * "bot": "support"} is {@code support/start.bas}); exactly one of them.
     */
    private static String scriptOrBot(ObjectNode request) {
        Optional<String> script = Requests.optionalText(request, "script");
        Optional<String> bot = Requests.optionalText(request, "bot");
        if (script.isPresent() && bot.isPresent()) {
            throw ApiProblem.invalidMember(
                    "/bot", "give either 'script' or 'bot', not both: 'bot' starts the bot's start.bas");
        }
        if (bot.isPresent()) {
            if (!BotNames.isBotName(bot.get())) {
                throw ApiProblem.invalidMember(
                        "/bot", "'bot' must be a bot's name, one folder name without '/', e.g. \"support\"");
            }
            return BotNames.entryScript(bot.get());
        }
        return script.orElseThrow(() ->
                ApiProblem.invalidMember("/script", "'script' is required (or 'bot', to start a bot's start.bas)"));
    }

    /** The start's variables with the script's PARAMs checked and coerced, or 400 naming each bad one. */
    private static Map<String, Value> parameters(String script, ToolSignature signature, Map<String, Value> variables) {
        try {
            return ScriptParameters.forStart(signature, variables);
        } catch (ToolArgumentException e) {
            List<Map<String, String>> problems = e.problems().stream()
                    .map(problem -> Map.of(
                            "pointer", "/variables/" + Json.escape(problem.parameter()), "message", problem.message()))
                    .toList();
            throw new ApiProblem(
                    ProblemType.INVALID_REQUEST,
                    script + " was not started: "
                            + e.problems().stream()
                                    .map(ToolArgumentException.Problem::message)
                                    .collect(Collectors.joining("; "))
                            + ". Give its PARAMs as variables: " + signature.usage(),
                    ApiProblem.members("pointer", problems.getFirst().get("pointer"), "problems", problems));
        }
    }

    private ScriptCheck check(String name, String source) {
        CheckedSource last = checks.get(name);
        if (last != null && last.source().equals(source)) {
            return last.check();
        }
        ScriptCheck check = scripts.check(name, source);
        checks.put(name, new CheckedSource(source, check));
        return check;
    }

    private static void answerStarted(Context ctx, ExecutionView view, boolean created) {
        ctx.header("Location", Views.executionPath(view.id()));
        Responses.json(ctx, created ? 201 : 200, Views.execution(view));
    }

    private static boolean sameScript(String existing, String requested) {
        return existing.equals(requested)
                || existing.equals(requested + ".bas")
                || (BotNames.isBotName(requested) && existing.equals(BotNames.entryScript(requested)));
    }

    private static String errorCount(ScriptCheck check) {
        long errors = check.diagnostics().stream()
                .filter(d -> d.severity() == ScriptDiagnostic.Severity.ERROR)
                .count();
        return errors + (errors == 1 ? " error" : " errors");
    }

    private static Map<String, Value> variables(JsonNode node) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw ApiProblem.invalidMember(
                    "/variables",
                    "'variables' must be an object of names to values, was "
                            + node.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        Map<String, Value> variables = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String name = entry.getKey();
            String pointer = "/variables/" + Json.escape(name);
            if (name.length() > MAX_VARIABLE_NAME || !io.basicflow.compiler.lexer.Lexer.isName(name)) {
                throw ApiProblem.invalidMember(
                        pointer,
                        "variable name '" + name + "' is not a BASIC name: use letters, digits and _, not starting"
                                + " with a digit");
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (variables.containsKey(lower)) {
                throw ApiProblem.invalidMember(
                        pointer, "variable '" + name + "' is given twice (BASIC names ignore case); give it once");
            }
            variables.put(lower, Json.toValue(entry.getValue(), pointer));
        }
        return variables;
    }

    /** {@code GET /executions}. */
    void list(Context ctx) {
        Set<ExecutionStatus> statuses = statuses(ctx.queryParams("status"));
        Optional<String> script = Optional.ofNullable(ctx.queryParam("script")).filter(s -> !s.isEmpty());
        Optional<Instant> from = Requests.instantParam(ctx, "from");
        Optional<Instant> to = Requests.instantParam(ctx, "to");
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw ApiProblem.invalidParameter("to", "'to' must be after 'from'");
        }
        Optional<String> after = Optional.ofNullable(ctx.queryParam("after")).filter(s -> !s.isEmpty());
        int limit = (int) Requests.longParam(ctx, "limit", DEFAULT_PAGE_SIZE, 1, MAX_BATCH);
        ExecutionPage page = engine.list(new ExecutionQuery(statuses, script, from, to, after, limit));
        ObjectNode json = Json.object();
        ArrayNode executions = json.putArray("executions");
        page.executions().forEach(summary -> executions.add(Views.summary(summary)));
        if (page.next().isPresent()) {
            json.put("next", page.next().get());
        } else {
            json.putNull("next");
        }
        Responses.json(ctx, 200, json);
    }

    private static Set<ExecutionStatus> statuses(List<String> parameters) {
        Set<ExecutionStatus> statuses = new LinkedHashSet<>();
        for (String parameter : parameters) {
            for (String part : parameter.split(",")) {
                String name = part.strip();
                if (name.isEmpty()) {
                    continue;
                }
                try {
                    statuses.add(ExecutionStatus.valueOf(name.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw ApiProblem.invalidParameter(
                            "status",
                            "unknown status '" + name + "'; use "
                                    + Arrays.stream(ExecutionStatus.values())
                                            .map(Enum::name)
                                            .collect(Collectors.joining(", ")));
                }
            }
        }
        return statuses;
    }

    /** {@code GET /executions/{id}}. */
    void get(Context ctx) {
        Responses.json(ctx, 200, Views.execution(view(Requests.executionId(ctx))));
    }

    private ExecutionView view(String id) {
        return engine.find(id).orElseThrow(() -> new ExecutionNotFoundException(id));
    }

    /**
     * {@code POST /executions/{id}/input}: JSON {@code {"text": "…"}} or a {@code text/plain} body;
     * with an {@code Idempotency-Key} header, a repeat of the same key is accepted and not stored
     * again.
     */
    void input(Context ctx) {
        String id = Requests.executionId(ctx);
        Optional<String> key = idempotencyKey(ctx);
        Requests.BodyKind kind = Requests.kind(ctx, EnumSet.of(Requests.BodyKind.JSON, Requests.BodyKind.TEXT));
        byte[] body = Requests.body(ctx, config.maxBodyBytes());
        String text = switch (kind) {
            case TEXT -> Requests.text(body);
            case JSON -> Requests.requiredText(Requests.jsonObject(body, Set.of("text")), "text");
        };
        boolean repeat = false;
        if (key.isPresent()) {
            repeat = !engine.deliverInput(id, text, key.get());
        } else {
            engine.deliverInput(id, text);
        }
        ObjectNode json = Json.object().put("id", id).put("accepted", true).put("repeat", repeat);
        json.putObject("links")
                .put("execution", Views.executionPath(id))
                .put("messages", Views.executionPath(id) + "/messages");
        Responses.json(ctx, 202, json);
    }

    static Optional<String> idempotencyKey(Context ctx) {
        String key = ctx.header(IDEMPOTENCY_KEY);
        if (key == null) {
            return Optional.empty();
        }
        try {
            DeliveryIds.requireValid(key);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidParameter(
                    IDEMPOTENCY_KEY, "the " + IDEMPOTENCY_KEY + " header is not usable: " + e.getMessage());
        }
        return Optional.of(key);
    }

    /**
     * {@code GET /executions/{id}/messages}: a page of messages after a cursor, waiting up to
     * {@code wait} seconds for the first (long-poll), or a server-sent event stream when the client
     * accepts {@code text/event-stream}.
     */
    void messages(Context ctx) {
        String id = Requests.executionId(ctx);
        if (MessageStream.wanted(ctx)) {
            stream.serve(ctx, id);
            return;
        }
        long after = Requests.longParam(ctx, "after", 0, 0, Long.MAX_VALUE);
        int limit = (int) Requests.longParam(ctx, "limit", DEFAULT_BATCH, 1, MAX_BATCH);
        Duration wait = Requests.secondsParam(ctx, "wait", config.maxLongPollWait());
        List<MessageView> messages = wait.isZero()
                ? engine.conversation(id, after, limit, wait)
                : inFlight.longPoll(() -> engine.conversation(id, after, limit, wait));
        // The status alone: the whole view would read and decode the execution's state on every poll.
        ExecutionStatus status = engine.status(id).orElseThrow(() -> new ExecutionNotFoundException(id));
        ObjectNode json = Json.object();
        ArrayNode array = json.putArray("messages");
        messages.forEach(message -> array.add(Views.message(message)));
        json.put("next", messages.isEmpty() ? after : messages.getLast().position())
                .put("status", status.name())
                .put("ended", status.isEnded());
        Responses.json(ctx, 200, json);
    }

    /** {@code POST /executions/{id}/messages/ack}: {@code {"upto": position}}. */
    void acknowledge(Context ctx) {
        String id = Requests.executionId(ctx);
        Requests.kind(ctx, EnumSet.of(Requests.BodyKind.JSON));
        ObjectNode request = Requests.jsonObject(Requests.body(ctx, config.maxBodyBytes()), Set.of("upto"));
        JsonNode upto = request.get("upto");
        if (upto == null || upto.isNull()) {
            throw ApiProblem.invalidMember("/upto", "'upto' is required: the position of the last message delivered");
        }
        if (!upto.isIntegralNumber() || !upto.canConvertToLong() || upto.longValue() < 0) {
            throw ApiProblem.invalidMember("/upto", "'upto' must be a whole number of at least 0, was " + upto);
        }
        engine.acknowledgeConversation(id, upto.longValue());
        ctx.status(204);
    }

    /** {@code GET /executions/{id}/events}. */
    void events(Context ctx) {
        String id = Requests.executionId(ctx);
        long after = Requests.longParam(ctx, "after", 0, 0, Long.MAX_VALUE);
        int limit = (int) Requests.longParam(ctx, "limit", DEFAULT_BATCH, 1, MAX_BATCH);
        List<EventView> events = engine.history(id, after, limit);
        ObjectNode json = Json.object();
        ArrayNode array = json.putArray("events");
        events.forEach(event -> array.add(Views.event(event)));
        json.put("next", events.isEmpty() ? after : events.getLast().seq());
        Responses.json(ctx, 200, json);
    }

    /** {@code POST /executions/{id}/cancel}: optional {@code {"reason": "…"}}. */
    void cancel(Context ctx) {
        String id = Requests.executionId(ctx);
        Requests.kind(ctx, EnumSet.of(Requests.BodyKind.JSON));
        byte[] body = Requests.body(ctx, config.maxBodyBytes());
        String reason = DEFAULT_CANCEL_REASON;
        if (body.length > 0) {
            reason = Requests.optionalText(Requests.jsonObject(body, Set.of("reason")), "reason")
                    .filter(text -> !text.isBlank())
                    .orElse(DEFAULT_CANCEL_REASON);
            if (reason.length() > MAX_REASON) {
                throw ApiProblem.invalidMember("/reason", "'reason' may have at most " + MAX_REASON + " characters");
            }
        }
        engine.cancel(id, reason);
        Responses.json(ctx, 202, Views.execution(view(id)));
    }

    /** {@code POST /executions/{id}/retry}. */
    void retry(Context ctx) {
        String id = Requests.executionId(ctx);
        engine.retry(id);
        Responses.json(ctx, 202, Views.execution(view(id)));
    }

    /** {@code GET /executions/{id}/tools}. */
    void tools(Context ctx) {
        ExecutionView view = view(Requests.executionId(ctx));
        ToolSchemas.Descriptions descriptions = tools.describe(view.scriptName(), view.activeTools());
        ObjectNode json = Json.object();
        ArrayNode array = json.putArray("tools");
        descriptions.tools().forEach(array::add);
        ArrayNode problems = json.putArray("problems");
        descriptions
                .problems()
                .forEach(problem ->
                        problems.addObject().put("tool", problem.tool()).put("message", problem.message()));
        Responses.json(ctx, 200, json);
    }
}
