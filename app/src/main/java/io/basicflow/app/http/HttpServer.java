package io.basicflow.app.http;

import static java.util.Objects.requireNonNull;

import io.basicflow.app.scripts.ScriptFolderException;
import io.basicflow.app.scripts.ScriptLibrary;
import io.basicflow.app.scripts.ScriptLibraryException;
import io.basicflow.app.scripts.ScriptNameException;
import io.basicflow.app.scripts.ScriptNotFoundException;
import io.basicflow.app.scripts.ScriptTooLargeException;
import io.basicflow.engine.api.EngineException;
import io.basicflow.engine.api.ExecutionConflictException;
import io.basicflow.engine.api.ExecutionNotFoundException;
import io.basicflow.engine.api.ExecutionStateException;
import io.basicflow.engine.api.InputTooLargeException;
import io.basicflow.engine.api.InvalidCursorException;
import io.basicflow.engine.api.ScriptCompilationException;
import io.basicflow.engine.api.ValueLimitException;
import io.basicflow.engine.api.WorkflowEngine;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API of {@code basicflow serve}: JSON over HTTP for chat front ends and integrators.
 *
 * <p>Resources: {@code /executions} (start, list), {@code /executions/{id}} (view), {@code
 * /input}, {@code /messages} (long-poll or server-sent events, {@code /messages/ack}), {@code
 * /events}, {@code /cancel}, {@code /retry}, {@code /tools} below it; {@code /scripts}, {@code
 * /scripts/{name}}, {@code /scripts/check}; {@code /health}, {@code /metrics} (Prometheus), {@code
 * /openapi.json} (the OpenAPI 3.1 description, which documents every route, parameter, shape and
 * status). Errors are RFC 9457 {@code application/problem+json} objects with a {@code detail} a
 * person understands.
 *
 * <p>Security: with an API token, every request except {@code GET /health} must carry {@code
 * Authorization: Bearer <token>} (else 401 with {@code WWW-Authenticate: Bearer}); without one the
 * server refuses to listen on any address but loopback ({@link UnprotectedListenerException}).
 *
 * <p>Threads: Jetty's selectors run on a few platform threads and every request on its own virtual
 * thread, so long-polls and event streams that block in {@link WorkflowEngine#messages} hold no
 * platform thread. {@link #close()} wakes them.
 *
 * <p>Extensions ({@link HttpExtension}, such as the web console under {@code /console}) add routes on
 * the same port, behind the same token except for the paths they declare public.
 *
 * <p>The server talks to executions only through {@link WorkflowEngine}, to scripts only through
 * {@link ScriptLibrary}, to tools only through {@link ToolSchemas}, and records its meters in the
 * given registry, which {@code /metrics} exposes whole (the engine's meters included).
 */
public final class HttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    private static final String OPENAPI_RESOURCE = "openapi.json";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final long IDLE_MARGIN_MILLIS = 30_000;
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);
    private static final long SHUTDOWN_IDLE_MILLIS = 50;
    private static final int MIN_PLATFORM_THREADS = 4;
    private static final int MAX_PLATFORM_THREADS = 32;

    private final WorkflowEngine engine;
    private final ScriptLibrary scripts;
    private final ToolSchemas tools;
    private final PrometheusMeterRegistry registry;
    private final HttpServerConfig config;
    /** The database check of {@code /health}, or null when the server was built without one. */
    private final HealthProbe health;

    private final byte[] openApi;
    private final List<HttpExtension> extensions;
    private final InFlight inFlight = new InFlight();

    private Javalin app;
    private HttpMetrics metrics;
    private boolean closed;

    /**
     * A server, not yet listening.
     *
     * @param engine the durable executions
     * @param scripts the scripts folder
     * @param tools the schemas of tools, for {@code /executions/{id}/tools}
     * @param registry where the API records its meters, and what {@code /metrics} exposes
     * @param config address, token and limits
     */
    public HttpServer(
            WorkflowEngine engine,
            ScriptLibrary scripts,
            ToolSchemas tools,
            PrometheusMeterRegistry registry,
            HttpServerConfig config) {
        this(engine, scripts, tools, registry, config, null, List.of());
    }

    /**
     * A server, not yet listening, whose {@code /health} also checks the database (when {@code
     * health} is not null) and that also serves the extensions' routes (e.g. the web console).
     *
     * @param engine the durable executions
     * @param scripts the scripts folder
     * @param tools the schemas of tools, for {@code /executions/{id}/tools}
     * @param registry where the API records its meters, and what {@code /metrics} exposes
     * @param config address, token and limits
     * @param health the database check, or null for none
     * @param extensions more routes, registered after the API's
     */
    public HttpServer(
            WorkflowEngine engine,
            ScriptLibrary scripts,
            ToolSchemas tools,
            PrometheusMeterRegistry registry,
            HttpServerConfig config,
            HealthProbe health,
            List<HttpExtension> extensions) {
        this.health = health;
        this.extensions = List.copyOf(extensions);
        this.engine = requireNonNull(engine, "engine is null");
        this.scripts = requireNonNull(scripts, "scripts is null");
        this.tools = requireNonNull(tools, "tools is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.config = requireNonNull(config, "config is null");
        this.openApi = readOpenApi();
    }

    /**
     * Starts listening.
     *
     * @return this server
     * @throws UnprotectedListenerException when the address is not loopback and no token is set
     * @throws IllegalArgumentException when the host cannot be resolved
     * @throws IllegalStateException when the server was started or closed before
     */
    public synchronized HttpServer start() {
        if (closed || app != null) {
            throw new IllegalStateException("an HttpServer starts once; create a new one");
        }
        requireProtected(config);
        Javalin created = create();
        try {
            created.start();
        } catch (RuntimeException e) {
            created.stop();
            metrics.close();
            throw e;
        }
        app = created;
        LOG.info(
                "HTTP API listening on {} ({})",
                uri(),
                config.apiToken().isPresent() ? "API token required" : "no API token, loopback only");
        return this;
    }

    /**
     * Refuses a configuration that would listen on an address other machines reach, without a token.
     * Callers check it before they open anything, so that a refused {@code serve} changes nothing.
     *
     * @param config the configuration
     * @throws UnprotectedListenerException when the address is not loopback and no token is set
     * @throws IllegalArgumentException when the host cannot be resolved
     */
    public static void requireProtected(HttpServerConfig config) {
        if (config.apiToken().isEmpty() && !isLoopback(config.host())) {
            throw new UnprotectedListenerException(config.host());
        }
    }

    /**
     * The port it listens on (the real one when configured with 0).
     *
     * @return the port
     * @throws IllegalStateException when not started
     */
    public synchronized int port() {
        if (app == null) {
            throw new IllegalStateException("the HttpServer is not started");
        }
        return app.port();
    }

    /**
     * The base address, e.g. {@code http://127.0.0.1:8080}.
     *
     * @return the address
     * @throws IllegalStateException when not started
     */
    public URI uri() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return URI.create("http://" + host + ":" + port());
    }

    /**
     * Stops listening. Long-polls and event streams are woken and given a few seconds to end their
     * answers cleanly (an event stream just ends; its client reconnects with {@code Last-Event-ID}).
     * Safe to call more than once.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        inFlight.close();
        extensions.forEach(HttpExtension::close);
        if (app != null) {
            app.stop();
        }
        if (metrics != null) {
            metrics.close();
        }
    }

    /** The routes Javalin serves, as {@code METHOD /path/{param}}, sorted; for the OpenAPI test. */
    synchronized List<String> routes() {
        if (app == null) {
            throw new IllegalStateException("the HttpServer is not started");
        }
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(parsed -> parsed.endpoint)
                .filter(endpoint -> endpoint.method.isHttpMethod())
                .map(endpoint -> endpoint.method.name() + " "
                        + endpoint.path.replace('<', '{').replace('>', '}'))
                .sorted(Comparator.naturalOrder())
                .toList();
    }

    private Javalin create() {
        MessageStream stream = new MessageStream(engine, config, inFlight);
        ExecutionEndpoints executions = new ExecutionEndpoints(engine, scripts, tools, config, inFlight, stream);
        ScriptEndpoints scriptEndpoints = new ScriptEndpoints(scripts, config);
        EventEndpoints events = new EventEndpoints(engine, config);
        BearerAuth auth = new BearerAuth(
                config.apiToken(), path -> extensions.stream().anyMatch(extension -> extension.isPublic(path)));
        Javalin[] self = new Javalin[1];
        metrics = new HttpMetrics(
                registry,
                inFlight,
                (method, path) -> Optional.ofNullable(
                                self[0].unsafe.internalRouter.findFirstHttpHandlerEntry(method, path))
                        .map(parsed -> parsed.endpoint.path));
        long idleTimeout = Math.max(
                        config.maxLongPollWait().toMillis(),
                        config.sseHeartbeat().toMillis())
                + IDLE_MARGIN_MILLIS;

        self[0] = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.startup.startupWatcherEnabled = false;
            cfg.jetty.threadPool = threadPool();
            cfg.jetty.modifyServer(server -> {
                // On close, stop accepting, then let the requests in flight finish their answers.
                server.insertHandler(new GracefulHandler());
                server.setStopTimeout(CLOSE_GRACE.toMillis());
                server.setErrorHandler(new ProblemErrorHandler());
            });
            cfg.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new ProblemErrorHandler()));
            cfg.http.maxRequestSize = config.maxBodyBytes();
            cfg.http.prefer405over404 = true;
            cfg.jetty.addConnector((server, httpConfiguration) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(httpConfiguration));
                connector.setHost(config.host());
                connector.setPort(config.port());
                connector.setIdleTimeout(idleTimeout);
                // On close, idle keep-alive connections go at once; busy ones finish their answer.
                connector.setShutdownIdleTimeout(SHUTDOWN_IDLE_MILLIS);
                return connector;
            });
            cfg.requestLogger.http(metrics::record);

            cfg.routes.before(auth::check);

            cfg.routes.get("/health", this::health);
            cfg.routes.get(
                    "/metrics",
                    ctx -> ctx.contentType(PROMETHEUS_TEXT)
                            .result(registry.scrape().getBytes(StandardCharsets.UTF_8)));
            cfg.routes.get(
                    "/openapi.json", ctx -> ctx.contentType(Responses.JSON).result(openApi));

            cfg.routes.post("/executions", executions::start);
            cfg.routes.get("/executions", executions::list);
            cfg.routes.get("/executions/{id}", executions::get);
            cfg.routes.post("/executions/{id}/input", executions::input);
            cfg.routes.get("/executions/{id}/messages", executions::messages);
            cfg.routes.post("/executions/{id}/messages/ack", executions::acknowledge);
            cfg.routes.get("/executions/{id}/events", executions::events);
            cfg.routes.post("/executions/{id}/cancel", executions::cancel);
            cfg.routes.post("/executions/{id}/retry", executions::retry);
            cfg.routes.get("/executions/{id}/tools", executions::tools);

            cfg.routes.post("/events/{name}", events::publish);

            cfg.routes.get("/scripts", scriptEndpoints::list);
            cfg.routes.post("/scripts/check", scriptEndpoints::check);
            cfg.routes.get("/scripts/<name>", scriptEndpoints::get);
            extensions.forEach(extension -> extension.routes(cfg.routes));

            cfg.routes.exception(ApiProblem.class, (problem, ctx) -> Responses.problem(ctx, problem));
            cfg.routes.exception(EngineException.class, (e, ctx) -> Responses.problem(ctx, engineProblem(e)));
            cfg.routes.exception(ScriptLibraryException.class, (e, ctx) -> Responses.problem(ctx, scriptProblem(e)));
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> {
                if (e.getStatus() == 405) {
                    ctx.header("Allow", allowedMethods(self[0], ctx.path()));
                }
                Responses.problem(ctx, javalinProblem(e));
            });
            cfg.routes.exception(Exception.class, (e, ctx) -> Responses.problem(ctx, internalProblem(ctx, e)));
        });
        return self[0];
    }

    /** {@code GET /health}: UP, or 503 naming the database problem when a probe is set and fails. */
    private void health(Context ctx) {
        if (health == null) {
            Responses.json(ctx, 200, Json.object().put("status", "UP"));
            return;
        }
        Optional<String> problem = health.databaseProblem();
        if (problem.isPresent()) {
            LOG.warn("health check: the database does not answer: {}", problem.get());
            throw new ApiProblem(
                    ProblemType.DATABASE_UNAVAILABLE,
                    "the database does not answer: " + problem.get()
                            + "; requests that read or change executions fail until it is back",
                    Map.of("database", "DOWN"));
        }
        Responses.json(ctx, 200, Json.object().put("status", "UP").put("database", "UP"));
    }

    /**
     * Jetty's recommended set-up for virtual threads: a small pool of platform threads runs the
     * selectors and acceptors, and every request (application code) runs on its own virtual thread.
     */
    private static QueuedThreadPool threadPool() {
        QueuedThreadPool pool = new QueuedThreadPool(MAX_PLATFORM_THREADS, MIN_PLATFORM_THREADS);
        pool.setName("basicflow-http");
        pool.setVirtualThreadsExecutor(VirtualThreads.getNamedVirtualThreadsExecutor("basicflow-http-request-"));
        return pool;
    }

    /** The methods a path supports, for the {@code Allow} header of a 405. */
    private static String allowedMethods(Javalin app, String path) {
        List<String> methods = new ArrayList<>();
        for (HandlerType method : List.of(HandlerType.GET, HandlerType.POST)) {
            if (app.unsafe.internalRouter.findFirstHttpHandlerEntry(method, path) != null) {
                methods.add(method.name());
                if (method == HandlerType.GET) {
                    methods.add(HandlerType.HEAD.name());
                }
            }
        }
        return String.join(", ", methods);
    }

    private static ApiProblem engineProblem(EngineException e) {
        return switch (e) {
            case ExecutionNotFoundException notFound ->
                new ApiProblem(
                        ProblemType.EXECUTION_NOT_FOUND, e.getMessage(), Map.of("executionId", notFound.executionId()));
            case ExecutionStateException state ->
                new ApiProblem(
                        ProblemType.EXECUTION_STATE,
                        e.getMessage(),
                        ApiProblem.members(
                                "executionId",
                                state.executionId(),
                                "executionStatus",
                                state.status().name()));
            case ExecutionConflictException conflict ->
                new ApiProblem(
                        ProblemType.EXECUTION_CONFLICT, e.getMessage(), Map.of("executionId", conflict.executionId()));
            case InvalidCursorException cursor -> ApiProblem.invalidParameter("after", e.getMessage());
            case ValueLimitException value -> ApiProblem.invalidMember(value.pointer(), e.getMessage());
            case InputTooLargeException tooLarge ->
                new ApiProblem(ProblemType.INPUT_TOO_LARGE, e.getMessage(), Map.of("limit", tooLarge.limit()));
            case ScriptCompilationException compilation -> {
                String script = compilation.scriptName();
                yield new ApiProblem(
                        ProblemType.SCRIPT_DOES_NOT_COMPILE,
                        script + " does not compile; fix it and start again",
                        ApiProblem.members(
                                "script",
                                script,
                                "diagnostics",
                                Views.formattedDiagnostics(script, compilation.diagnostics())));
            }
            default -> {
                LOG.error("the engine failed in a way the HTTP API does not know", e);
                yield new ApiProblem(ProblemType.INTERNAL_ERROR, e.getMessage());
            }
        };
    }

    private static ApiProblem scriptProblem(ScriptLibraryException e) {
        return switch (e) {
            case ScriptNameException name ->
                new ApiProblem(ProblemType.INVALID_SCRIPT_NAME, e.getMessage(), Map.of("script", name.scriptName()));
            case ScriptNotFoundException notFound ->
                new ApiProblem(
                        ProblemType.SCRIPT_NOT_FOUND,
                        e.getMessage() + "; GET /scripts lists the scripts",
                        ApiProblem.members("script", notFound.scriptName(), "didYouMean", notFound.nearbyNames()));
            case ScriptTooLargeException tooLarge ->
                new ApiProblem(
                        ProblemType.SCRIPT_TOO_LARGE,
                        e.getMessage(),
                        ApiProblem.members("script", tooLarge.scriptName(), "limit", tooLarge.limit()));
            case ScriptFolderException folder -> {
                LOG.error("the scripts folder cannot be read", folder);
                yield new ApiProblem(ProblemType.SCRIPTS_UNAVAILABLE, e.getMessage());
            }
            default -> new ApiProblem(ProblemType.INTERNAL_ERROR, e.getMessage());
        };
    }

    private ApiProblem javalinProblem(HttpResponseException e) {
        return switch (e.getStatus()) {
            case 404 ->
                new ApiProblem(
                        ProblemType.NOT_FOUND, "there is no resource at this path; GET /openapi.json lists the API");
            case 405 ->
                new ApiProblem(
                        ProblemType.METHOD_NOT_ALLOWED,
                        "this resource does not support this method; GET /openapi.json lists the API");
            case 413 ->
                new ApiProblem(
                        ProblemType.BODY_TOO_LARGE,
                        "the request body is larger than " + config.maxBodyBytes()
                                + " bytes, the most this server accepts",
                        Map.of("limit", config.maxBodyBytes()));
            default -> new ApiProblem(ProblemType.INTERNAL_ERROR, e.getMessage());
        };
    }

    private ApiProblem internalProblem(Context ctx, Exception e) {
        String errorId = UUID.randomUUID().toString();
        if (inFlight.closing()) {
            LOG.debug("request {} {} ended by the server closing: {}", ctx.method(), ctx.path(), e.toString());
        } else {
            LOG.error("request {} {} failed (error id {})", ctx.method(), ctx.path(), errorId, e);
        }
        return new ApiProblem(
                ProblemType.INTERNAL_ERROR,
                "the server failed to answer; the server log has the cause under error id " + errorId,
                Map.of("errorId", errorId));
    }

    private static boolean isLoopback(String host) {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            for (InetAddress address : addresses) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return addresses.length > 0;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot listen on " + host + ": the host name does not resolve", e);
        }
    }

    private static byte[] readOpenApi() {
        try (InputStream in = HttpServer.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "the OpenAPI description " + OPENAPI_RESOURCE + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OpenAPI description: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "HttpServer[" + config + "]";
    }
}
