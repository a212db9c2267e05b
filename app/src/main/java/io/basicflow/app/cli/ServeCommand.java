package io.basicflow.app.cli;

import com.google.inject.Injector;
import io.basicflow.app.config.Configuration;
import io.basicflow.app.config.Setting;
import io.basicflow.app.console.WebConsole;
import io.basicflow.app.http.HttpServer;
import io.basicflow.app.http.HttpServerConfig;
import io.basicflow.app.http.ToolFolderSchemas;
import io.basicflow.app.http.UnprotectedListenerException;
import io.basicflow.app.node.BasicflowNode;
import io.basicflow.app.scripts.CompilerScriptChecker;
import io.basicflow.app.scripts.FolderScriptLibrary;
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

    @Override
    public Integer call() {
        Logging.quietUnlessConfigured("INFO");
        if (host != null) {
            options.put(Setting.API_HOST.key(), host);
        }
        if (port != null) {
            options.put(Setting.API_PORT.key(), Integer.toString(port));
        }
        if (token != null) {
            options.put(Setting.API_TOKEN.key(), token);
        }
        if (workers != null) {
            options.put(Setting.WORKERS.key(), Integer.toString(workers));
        }
        Configuration configuration = options.configuration();
        Injector injector = Assembly.full(configuration);
        Path scripts = Path.of(configuration.get(Setting.SCRIPTS_FOLDER));
        boolean runsWorkers = configuration.getInt(Setting.WORKERS) > 0;
        HttpServerConfig httpConfig = HttpServerConfig.defaults()
                .withHost(configuration.get(Setting.API_HOST))
                .withPort(configuration.getInt(Setting.API_PORT));
        String apiToken = configuration.get(Setting.API_TOKEN);
        if (!apiToken.isBlank()) {
            httpConfig = httpConfig.withApiToken(apiToken);
        }
        BasicflowNode node = BasicflowNode.start(injector, runsWorkers, scripts);
        HttpServer server;
        try {
            server = new HttpServer(
                            node.engine(),
                            new FolderScriptLibrary(
                                    scripts, new CompilerScriptChecker(injector.getInstance(ScriptService.class))),
                            new ToolFolderSchemas(node.tools()),
                            injector.getInstance(PrometheusMeterRegistry.class),
                            httpConfig,
                            List.of(new WebConsole(
                                    node.engine(), node.store(), injector.getInstance(ScriptService.class))))
                    .start();
        } catch (UnprotectedListenerException e) {
            node.close();
            System.err.println("basicflow: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
        System.err.println("basicflow: serving " + server.uri() + " (scripts from " + scripts.toAbsolutePath() + ", "
                + (runsWorkers ? "workers in this process" : "API only: no workers here") + "); Ctrl-C stops");
        System.err.println("basicflow: web console at " + server.uri() + "/console/");
        NodeCommands.awaitShutdown(server, node);
        return 0;
    }
}
