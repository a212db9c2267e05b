package io.basicflow.app.console;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.basicflow.app.http.ApiSupport;
import io.basicflow.app.http.HttpExtension;
import io.basicflow.compiler.ScriptService;
import io.basicflow.engine.api.ExecutionQuery;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.ExecutionSummary;
import io.basicflow.engine.durable.DurableWorkflowEngine;
import io.basicflow.engine.interpreter.InputRequest;
import io.basicflow.engine.store.EventStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console of {@code basicflow serve}, under {@code /console} on the API's port: a page with
 * its script and style (served to anyone: they hold no data, and the page asks for the API token when
 * the server has one) over the JSON API, plus a few read-only routes of its own behind the token:
 *
 * <ul>
 *   <li>{@code GET /console/api/counts}: executions per status;
 *   <li>{@code GET /console/api/executions/{id}}: the pinned source, the cursor's line, what a waiting
 *       {@code HEAR} asks (a menu's options), the children;
 *   <li>{@code GET /console/api/executions/{id}/state?seq=N}: variables, status and line after event N,
 *       folded from the events;
 *   <li>{@code GET /console/api/changes}: a server-sent event stream that says {@code changed} (with
 *       the counts) whenever the counts or the first page of the list change; the server looks once a
 *       second.
 * </ul>
 *
 * <p>Every page is sent with a strict Content-Security-Policy (scripts and styles from this server
 * only, no inline script), and the page builds its DOM with text nodes only, so nothing a script or
 * a user typed ever becomes markup.
 */
public final class WebConsole implements HttpExtension {

    private static final Logger LOG = LoggerFactory.getLogger(WebConsole.class);
    static final String BASE = "/console";
    private static final String ASSETS = BASE + "/assets/";
    private static final String RESOURCES = "/io/basicflow/app/console/static/";
    private static final Map<String, String> ASSET_TYPES = Map.of(
            "console.js", "text/javascript; charset=utf-8",
            "console.css", "text/css; charset=utf-8",
            "favicon.svg", "image/svg+xml");
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);
    private static final Duration STREAM_LIFETIME = Duration.ofMinutes(10);
    private static final int WATCHED_PAGE = 50;

    private final ExecutionInspector inspector;
    private final DurableWorkflowEngine engine;
    private final byte[] page;
    private final Map<String, byte[]> assets;
    private volatile boolean closing;

    /**
     * A console over a node's engine and store.
     *
     * @param engine the durable engine (for what a waiting HEAR asks)
     * @param store the event store (counts, events to fold, pinned sources)
     * @param compiler compiles a pinned source to find the cursor's line
     */
    public WebConsole(DurableWorkflowEngine engine, EventStore store, ScriptService compiler) {
        this.engine = requireNonNull(engine, "engine is null");
        this.inspector = new ExecutionInspector(store, engine, compiler);
        this.page = resource("index.html");
        this.assets = Map.of(
                "console.js", resource("console.js"),
                "console.css", resource("console.css"),
                "favicon.svg", resource("favicon.svg"));
    }

    @Override
    public void routes(RoutesConfig routes) {
        // One route for both: the router ignores a trailing slash; the page's relative links need it.
        routes.get(BASE, this::page);
        routes.get(ASSETS + "{file}", this::asset);
        routes.get(BASE + "/api/counts", this::counts);
        routes.get(BASE + "/api/changes", this::changes);
        routes.get(BASE + "/api/executions/{id}", this::inspect);
        routes.get(BASE + "/api/executions/{id}/state", this::state);
    }

    @Override
    public boolean isPublic(String path) {
        return path.equals(BASE) || path.equals(BASE + "/") || path.startsWith(ASSETS);
    }

    @Override
    public void close() {
        closing = true;
    }

    private void page(Context ctx) {
        if (!ctx.path().endsWith("/")) {
            ctx.redirect(BASE + "/");
            return;
        }
        secure(ctx);
        ctx.header("Cache-Control", "no-cache")
                .contentType("text/html; charset=utf-8")
                .result(page);
    }

    private void asset(Context ctx) {
        String file = ctx.pathParam("file");
        byte[] body = assets.get(file);
        if (body == null) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("no such console file");
            return;
        }
        secure(ctx);
        ctx.header("Cache-Control", "no-cache")
                .contentType(ASSET_TYPES.get(file))
                .result(body);
    }

    private static void secure(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer");
    }

    private void counts(Context ctx) {
        ApiSupport.json(ctx, 200, countsJson());
    }

    private ObjectNode countsJson() {
        ObjectNode json = ApiSupport.object();
        ObjectNode counts = json.putObject("counts");
        long total = 0;
        for (Map.Entry<ExecutionStatus, Long> entry : inspector.counts().entrySet()) {
            counts.put(entry.getKey().name(), entry.getValue());
            total += entry.getValue();
        }
        json.put("total", total);
        return json;
    }

    private void inspect(Context ctx) {
        ExecutionInspector.Inspection inspection = inspector.inspect(ApiSupport.executionId(ctx));
        ObjectNode json = ApiSupport.object()
                .put("id", inspection.id())
                .put("script", inspection.scriptName())
                .put("source", inspection.source())
                .put("truncated", inspection.truncated());
        if (inspection.currentLine().isPresent()) {
            json.put("currentLine", inspection.currentLine().getAsInt());
        } else {
            json.putNull("currentLine");
        }
        if (inspection.input().isPresent()) {
            InputRequest input = inspection.input().get();
            ObjectNode asks = json.putObject("input")
                    .put("variable", input.variable())
                    .put("type", input.type())
                    .put("attempt", input.attempt())
                    .put("maxAttempts", input.maxAttempts());
            ArrayNode options = asks.putArray("options");
            input.options().forEach(options::add);
        } else {
            json.putNull("input");
        }
        ArrayNode children = json.putArray("children");
        for (ExecutionInspector.Child child : inspection.children()) {
            children.addObject()
                    .put("id", child.id())
                    .put("script", child.script())
                    .put("status", child.status().name())
                    .put("parentSeq", child.parentSeq())
                    .put("line", child.line());
        }
        ApiSupport.json(ctx, 200, json);
    }

    private void state(Context ctx) {
        String id = ApiSupport.executionId(ctx);
        long seq = ApiSupport.longParam(ctx, "seq", Long.MAX_VALUE, 1, Long.MAX_VALUE);
        ExecutionInspector.StateAt at = inspector.stateAfter(id, seq);
        ObjectNode json = ApiSupport.object()
                .put("id", id)
                .put("seq", at.seq())
                .put("status", at.state().status().name());
        if (at.line().isPresent()) {
            json.put("line", at.line().getAsInt());
        } else {
            json.putNull("line");
        }
        json.set("variables", ApiSupport.variables(at.state().variables()));
        ApiSupport.json(ctx, 200, json);
    }

    /** Server-sent {@code changed} events for the list page, checked once a second. */
    private void changes(Context ctx) {
        ExecutionQuery query = new ExecutionQuery(
                statuses(ctx.queryParam("status")),
                Optional.ofNullable(ctx.queryParam("script")).filter(s -> !s.isBlank()),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                WATCHED_PAGE);
        HttpServletResponse response = ctx.res();
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        long started = System.nanoTime();
        long lastWrite = started;
        String last = "";
        try {
            ServletOutputStream out = response.getOutputStream();
            write(out, response, "retry: 2000\n\n");
            while (!closing && System.nanoTime() - started < STREAM_LIFETIME.toNanos()) {
                ObjectNode counts = countsJson();
                String fingerprint = ApiSupport.write(counts)
                        + fingerprint(engine.list(query).executions());
                if (!fingerprint.equals(last)) {
                    last = fingerprint;
                    write(out, response, "event: changed\ndata: " + ApiSupport.write(counts) + "\n\n");
                    lastWrite = System.nanoTime();
                } else if (System.nanoTime() - lastWrite > HEARTBEAT.toNanos()) {
                    write(out, response, ": keep-alive\n\n");
                    lastWrite = System.nanoTime();
                }
                Thread.sleep(POLL);
            }
        } catch (IOException e) {
            LOG.debug("console change stream closed by the client: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!closing) {
                LOG.warn("console change stream ended by an error", e);
            }
        }
    }

    private static String fingerprint(List<ExecutionSummary> executions) {
        StringBuilder text = new StringBuilder();
        for (ExecutionSummary summary : executions) {
            text.append(summary.id())
                    .append(' ')
                    .append(summary.status())
                    .append(' ')
                    .append(summary.updatedAt())
                    .append('\n');
        }
        return text.toString();
    }

    private static Set<ExecutionStatus> statuses(String parameter) {
        Set<ExecutionStatus> statuses = new LinkedHashSet<>();
        if (parameter == null) {
            return statuses;
        }
        for (String part : parameter.split(",")) {
            String name = part.strip();
            if (name.isEmpty()) {
                continue;
            }
            try {
                statuses.add(ExecutionStatus.valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ApiSupport.invalidParameter(
                        "status", "unknown status '" + name + "'; use one of " + List.of(ExecutionStatus.values()));
            }
        }
        return statuses;
    }

    private static void write(ServletOutputStream out, HttpServletResponse response, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        response.flushBuffer();
    }

    private static byte[] resource(String name) {
        try (InputStream in = WebConsole.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException(
                        "the console file " + RESOURCES + name + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console file " + name + ": " + e.getMessage(), e);
        }
    }
}
