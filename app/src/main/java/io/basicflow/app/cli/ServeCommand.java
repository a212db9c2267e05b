package io.basicflow.app.cli;

import com.google.inject.Injector;
import io.basicflow.app.config.Configuration;
import io.basicflow.app.config.Setting;
import io.basicflow.app.console.WebConsole;
import io.basicflow.app.http.HttpServer;
import io.basicflow.app.http.HttpServerConfig;
import io.basicflow.app.http.ScheduleEndpoints;
import io.basicflow.app.http.ToolFolderSchemas;
import io.basicflow.app.http.UnprotectedListenerException;
import io.basicflow.app.http.WebhookEndpoints;
import io.basicflow.app.node.BasicflowNode;
import io.basicflow.app.schedules.NodeSchedules;
import io.basicflow.compiler.ScriptService;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code basicflow serve}: the HTTP API, with workers in the same process unless {@code --workers 0}.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serves the HTTP API (JSON; OpenAPI at /openapi.json) and runs workers in the same process.",
            "--workers 0 makes an API-only node; other processes (basicflow worker) run the executions.",
            "The web console is on the same port at /console/ (behind the same token)."
        })
public final class ServeCommand implements Callable<Integer> {

    @Mixin
    private ConfigOptions options;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "address to listen on (default 127.0.0.1)")
    private String host;

    @Option(names = "--port", paramLabel = "PORT", description = "port to listen on (default 8080; 0 picks one)")
    private Integer port;

    @Option(
            names = "--token",
            paramLabel = "TOKEN",
            description = "bearer token required on every request (or basicflow.api.token)")
    private String token;

    @Option(names = "--workers", paramLabel = "N", description = "activations run at once here; 0 = API only")
    private Integer workers;

    @Option(
            names = "--scripts",
            paramLabel = "FOLDER",
            description = "the scripts folder: .bas files, a General Bots bot folder (name.gbai) or a folder of"
                    + " them (or basicflow.scripts.folder)")
    private Path scriptsFolder;

    @Option(
            names = "--direct",
            description = "scripts without #workflow run directly, so this server does not start them"
                    + " (basicflow.scripts.default-mode=direct); by default they run durably")
    private boolean direct;

    @Override
    public Integer call() {
        Logging.quietUnlessConfigured("INFO");
        if (host != null) {
            options.put(Setting.API_HOST.key(), host);
        }
        if (port != null) {
            options.put(Setting.API_PORT.key(), Integer.toString(port));
        }
        if (token != null && token.isEmpty()) {
            System.err.println("basicflow: --token is empty; give a real token, or leave --token out to serve on"
                    + " loopback without one");
            return 2;
        }
        if (token != null) {
            options.put(Setting.API_TOKEN.key(), token);
        }
        if (workers != null) {
            options.put(Setting.WORKERS.key(), Integer.toString(workers));
        }
        if (scriptsFolder != null) {
            options.put(Setting.SCRIPTS_FOLDER.key(), scriptsFolder.toString());
        }
        if (direct) {
            options.put(Setting.SCRIPTS_DEFAULT_MODE.key(), "direct");
        }
        Configuration configuration = options.configuration();
        // Everything that can refuse the command is checked before the database is touched.
        HttpServerConfig httpConfig;
        try {
            httpConfig = httpConfig(configuration);
            HttpServer.requireProtected(httpConfig);
        } catch (UnprotectedListenerException | IllegalArgumentException e) {
            System.err.println("basicflow: " + e.getMessage());
            return 2;
        }
        Injector injector = Assembly.full(configuration);
        Path scripts = Path.of(configuration.get(Setting.SCRIPTS_FOLDER));
        boolean runsWorkers = configuration.getInt(Setting.WORKERS) > 0;
        BasicflowNode node;
        try {
            node = BasicflowNode.start(injector, runsWorkers, scripts, true);
        } catch (io.basicflow.engine.deploy.DeploymentException e) {
            System.err.println("basicflow: " + e.getMessage());
            return 1;
        }
        NodeSchedules schedules = null;
        HttpServer server;
        try {
            schedules = NodeSchedules.start(node, configuration, true);
            server = new HttpServer(
                            node.engine(),
                            node.scripts(),
                            new ToolFolderSchemas(node.tools(), node::botTools),
                            injector.getInstance(PrometheusMeterRegistry.class),
                            httpConfig,
                            () -> databaseProblem(node),
                            List.of(
                                    new WebConsole(
                                            node.engine(), node.store(), injector.getInstance(ScriptService.class)),
                                    new ScheduleEndpoints(schedules.store(), schedules.zone()),
                                    webhooks(node, httpConfig, configuration),
                                    new io.basicflow.app.sites.SiteEndpoints(java.nio.file.Path.of(configuration
                                            .get("basicflow.ai.sites-folder")
                                            .filter(folder -> !folder.isBlank())
                                            .orElse("sites")
                                            .strip())),
                                    new io.basicflow.app.http.MeetEndpoints(
                                            node.engine(),
                                            node.database().dataSource(),
                                            httpConfig,
                                            java.time.Clock.systemUTC()),
                                    secureLinks(configuration)))
                    .start();
        } catch (RuntimeException e) {
            if (schedules != null) {
                schedules.close();
            }
            node.close();
            throw e;
        }
        System.err.println("basicflow: serving " + server.uri() + " (scripts from " + scripts.toAbsolutePath() + ", "
                + (runsWorkers ? "workers in this process" : "API only: no workers here") + "); Ctrl-C stops");
        System.err.println("basicflow: web console at " + server.uri() + "/console/");
        NodeCommands.awaitShutdown(server, schedules, node);
        return 0;
    }

    /** The scripts' WEBHOOK endpoints (docs/integrations.md), each logged as registered at start. */
    /** GENERATE SECURE LINK's downloads, from the files root the files keywords use, with their secret. */
    private static io.basicflow.app.http.SecureLinkEndpoints secureLinks(Configuration configuration) {
        java.nio.file.Path root = java.nio.file.Path.of(configuration
                .get("basicflow.files.root")
                .filter(folder -> !folder.isBlank())
                .orElse(configuration.get(Setting.SCRIPTS_FOLDER))
                .strip());
        try {
            return new io.basicflow.app.http.SecureLinkEndpoints(
                    root,
                    io.basicflow.files.SecureLinks.of(configuration.get("basicflow.files.link-secret"), root),
                    java.time.Clock.systemUTC());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read or create the download links' secret in " + root, e);
        }
    }

    private static WebhookEndpoints webhooks(
            BasicflowNode node, HttpServerConfig httpConfig, Configuration configuration) {
        WebhookEndpoints webhooks = new WebhookEndpoints(
                node.engine(),
                node.scripts(),
                httpConfig,
                java.util.Optional.of(configuration.get(Setting.WEBHOOKS_SECRET)),
                java.time.Duration.ofSeconds(configuration.getInt(Setting.WEBHOOKS_TIMEOUT_SECONDS)));
        webhooks.declared()
                .forEach((route, script) -> System.err.println(
                        "basicflow: webhook /api/" + route.replaceFirst("/", "/webhook/") + " runs " + script));
        return webhooks;
    }

    /** Opens a fresh connection (not from the pool, which may hide a dead server) and checks it. */
    private static java.util.Optional<String> databaseProblem(BasicflowNode node) {
        try (java.sql.Connection connection = node.database().openDedicatedConnection()) {
            return connection.isValid(3)
                    ? java.util.Optional.empty()
                    : java.util.Optional.of("a new connection to it did not answer within 3 s");
        } catch (java.sql.SQLException | RuntimeException e) {
            return java.util.Optional.of(String.valueOf(e.getMessage()));
        }
    }

    /**
     * The HTTP settings. An API token that is set but blank (e.g. {@code --token '   '}) is refused
     * rather than read as "no token": it would silently turn authentication off.
     *
     * @throws IllegalArgumentException naming the setting
     */
    static HttpServerConfig httpConfig(Configuration configuration) {
        HttpServerConfig httpConfig = HttpServerConfig.defaults()
                .withHost(configuration.get(Setting.API_HOST))
                .withPort(configuration.getInt(Setting.API_PORT));
        String apiToken = configuration.get(Setting.API_TOKEN);
        if (apiToken.isEmpty()) {
            return httpConfig;
        }
        if (apiToken.isBlank()) {
            throw new IllegalArgumentException("the API token (" + Setting.API_TOKEN.key() + " or --token, from "
                    + configuration.source(Setting.API_TOKEN.key())
                    + ") is only white space; give a real token, or leave it out to serve on loopback without one");
        }
        try {
            return httpConfig.withApiToken(apiToken);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    e.getMessage() + " (" + Setting.API_TOKEN.key() + " or --token, from "
                            + configuration.source(Setting.API_TOKEN.key()) + ")",
                    e);
        }
    }
}
