package io.basicflow.app.node;

import static java.util.Objects.requireNonNull;

import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.basicflow.app.assembly.ExecutionStatusGauges;
import io.basicflow.app.config.Configuration;
import io.basicflow.app.config.ConfigurationException;
import io.basicflow.app.config.Setting;
import io.basicflow.app.scripts.CompilerScriptChecker;
import io.basicflow.app.scripts.FolderScriptLibrary;
import io.basicflow.app.scripts.LibraryScriptResolver;
import io.basicflow.app.scripts.ScriptLibraryException;
import io.basicflow.app.scripts.ScriptMode;
import io.basicflow.app.tools.ToolFolderChildScripts;
import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.engine.api.BotNames;
import io.basicflow.engine.data.DataConnections;
import io.basicflow.engine.direct.ScriptResolver;
import io.basicflow.engine.durable.ChildScripts;
import io.basicflow.engine.durable.DurableSettings;
import io.basicflow.engine.durable.DurableWorkflowEngine;
import io.basicflow.engine.durable.EngineMetrics;
import io.basicflow.persistence.Database;
import io.basicflow.persistence.DatabaseConfig;
import io.basicflow.persistence.DurableRuntime;
import io.basicflow.spi.PluginConfiguration;
import io.basicflow.tools.ToolCompiler;
import io.basicflow.tools.ToolFolder;
import io.basicflow.tools.ToolsPlugin;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running basicflow process: the database (embedded or external, migrated), the durable engine,
 * and, unless it is an API-only node, its workers. Started in that order, closed in reverse: at
 * close, running activations reach a commit boundary or give their lease back. This is the entry
 * point of an application that embeds basicflow (see {@code docs/java-api.md}): build one injector
 * from the modules, {@link #start} a node, use its {@link #engine()}, close it.
 */
public final class BasicflowNode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BasicflowNode.class);

    private final Database database;
    private final DurableRuntime runtime;
    private final ToolFolder tools;
    private final FolderScriptLibrary scripts;
    private final ToolCompiler toolCompiler;
    private final AutoCloseable gauges;

    private BasicflowNode(
            Database database,
            DurableRuntime runtime,
            ToolFolder tools,
            FolderScriptLibrary scripts,
            ToolCompiler toolCompiler,
            AutoCloseable gauges) {
        this.database = database;
        this.runtime = runtime;
        this.tools = tools;
        this.scripts = scripts;
        this.toolCompiler = toolCompiler;
        this.gauges = gauges;
    }

    /**
     * Starts the database of a node now, on a background thread, so that it runs while the
     * application builds its injector (the embedded PostgreSQL's start is the longest part of a
     * node's start). Call it first, with the configuration the injector is built from, and give the
     * result to {@link #start(Injector, boolean, Path, PreparedDatabase)}:
     *
     * <pre>{@code
     * PreparedDatabase database = BasicflowNode.prepare(configuration);
     * Injector injector = Guice.createInjector(Stage.PRODUCTION, BasicflowModules.durable(configuration));
     * try (BasicflowNode node = BasicflowNode.start(injector, true, scriptsFolder, database)) { … }
     * }</pre>
     *
     * Building an injector never starts a server by itself; this call is the application's explicit
     * choice. Errors of the start (no database reachable, a failed migration) are thrown by the
     * node's start, as without it.
     *
     * @param configuration the configuration the node's injector is built from
     * @return the database being started; close it if no node uses it
     */
    public static PreparedDatabase prepare(Configuration configuration) {
        return PreparedDatabase.start(configuration);
    }

    /**
     * Starts a node.
     *
     * @param injector the app's injector
     * @param workers whether this process runs workers (false: an API-only node)
     * @param scriptsFolder where {@code CALL "x.bas"} finds scripts; it may hold General Bots bot
     *     folders, whose scripts call the scripts and tools of their own bot folder
     * @return the running node
     */
    public static BasicflowNode start(Injector injector, boolean workers, Path scriptsFolder) {
        return start(injector, workers, scriptsFolder, null, false);
    }

    /**
     * Starts a node on a database that {@link #prepare} began to start: waits for that start to
     * end and uses it, instead of starting the database itself.
     *
     * @param injector the app's injector, built from the configuration given to {@link #prepare}
     * @param workers whether this process runs workers (false: an API-only node)
     * @param scriptsFolder where {@code CALL "x.bas"} finds scripts
     * @param prepared what {@link #prepare} returned, not used by another node; null starts the
     *     database here, as {@link #start(Injector, boolean, Path)} does
     * @return the running node
     * @throws IllegalArgumentException if the injector configures another database than the
     *     preparation's
     * @throws IllegalStateException if the preparation was used already
     */
    public static BasicflowNode start(
            Injector injector, boolean workers, Path scriptsFolder, PreparedDatabase prepared) {
        return start(injector, workers, scriptsFolder, prepared, false);
    }

    /**
     * Starts a node, and first, with {@code deployBots}, deploys the scripts folder's bots (their
     * declared tables, {@link io.basicflow.app.deploy.BotsDeployment}) once the database is up and
     * before any worker runs an execution.
     *
     * @param injector the app's injector
     * @param workers whether this process runs workers (false: an API-only node)
     * @param scriptsFolder the scripts folder, as for {@link #start(Injector, boolean, Path)}
     * @param deployBots whether to deploy the folder's bots ({@code basicflow serve})
     * @return the running node
     * @throws io.basicflow.engine.deploy.DeploymentException when the deployment is refused (the node
     *     is not started)
     */
    public static BasicflowNode start(Injector injector, boolean workers, Path scriptsFolder, boolean deployBots) {
        return start(injector, workers, scriptsFolder, null, deployBots);
    }

    /**
     * Starts a node on a prepared database (or null: started here) and, with {@code deployBots},
     * deploys the folder's bots before any worker runs: both options of the two overloads above.
     *
     * @param injector the app's injector
     * @param workers whether this process runs workers
     * @param scriptsFolder the scripts folder
     * @param prepared what {@link #prepare} returned, or null
     * @param deployBots whether to deploy the folder's bots
     * @return the running node
     */
    public static BasicflowNode start(
            Injector injector, boolean workers, Path scriptsFolder, PreparedDatabase prepared, boolean deployBots) {
        try {
            return startNode(injector, workers, scriptsFolder, prepared, deployBots);
        } catch (RuntimeException | Error e) {
            if (prepared != null) {
                prepared.close(); // stops it unless the node took it over (then the node closed it)
            }
            throw e;
        }
    }

    private static BasicflowNode startNode(
            Injector injector, boolean workers, Path scriptsFolder, PreparedDatabase prepared, boolean deployBots) {
        requireNonNull(scriptsFolder, "scriptsFolder is null");
        Configuration configuration = injector.getInstance(Configuration.class);
        // classes the first step needs load on another core while the database starts
        StartupWarmup.start(injector.getInstance(ScriptService.class));
        KeywordCatalogue catalogue = injector.getInstance(KeywordCatalogue.class);
        ToolFolder tools = toolFolder(injector, configuration);
        ScriptMode unmarked;
        try {
            unmarked = ScriptMode.ofDefaultSetting(configuration.get(Setting.SCRIPTS_DEFAULT_MODE));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
        FolderScriptLibrary scripts = new FolderScriptLibrary(
                scriptsFolder,
                new CompilerScriptChecker(injector.getInstance(ScriptService.class), configuration.all()),
                FolderScriptLibrary.DEFAULT_MAX_SCRIPT_BYTES,
                unmarked);
        Database database = injector.getInstance(Database.class);
        if (prepared == null) {
            logFirstStart(database);
            database.start();
        } else {
            prepared.handTo(database);
        }
        try {
            if (deployBots) {
                io.basicflow.app.deploy.BotsDeployment.deploy(
                        scripts,
                        injector.getInstance(ScriptService.class),
                        database.dataSource(),
                        injector.getInstance(Key.get(new TypeLiteral<Optional<DataConnections>>() {})));
            }
            DurableRuntime.Builder builder = DurableRuntime.builder(database, catalogue)
                    .settings(injector.getInstance(DurableSettings.class))
                    .configuration(configuration.all())
                    .clock(injector.getInstance(Clock.class))
                    .metrics(injector.getInstance(EngineMetrics.class))
                    .children(children(scriptsFolder, scripts, tools, injector.getInstance(ToolCompiler.class)))
                    .workers(workers);
            // Bot data in another database (basicflow.data.url); else it is written in the steps' commits.
            injector.getInstance(Key.get(new TypeLiteral<Optional<DataConnections>>() {}))
                    .filter(data -> !data.sharesEngineDatabase())
                    .ifPresent(builder::data);
            DurableRuntime runtime = builder.start();
            AutoCloseable gauges =
                    ExecutionStatusGauges.register(runtime.store(), injector.getInstance(MeterRegistry.class));
            log.info(
                    "basicflow node started on {} ({})",
                    database.jdbcUrl(),
                    workers ? "with workers" : "API only, no workers");
            return new BasicflowNode(
                    database, runtime, tools, scripts, injector.getInstance(ToolCompiler.class), gauges);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** The only slow start: say what is happening (a library logs; it never prints). */
    static void logFirstStart(Database database) {
        if (database.config().server() instanceof DatabaseConfig.Embedded embedded
                && !java.nio.file.Files.isDirectory(embedded.dataDirectory())) {
            log.info("creating the embedded PostgreSQL in {} (first start, a few seconds)…", embedded.dataDirectory());
        }
    }

    private static ToolFolder toolFolder(Injector injector, Configuration configuration) {
        Map<String, String> toolSettings = new LinkedHashMap<>();
        String prefix = "basicflow.tools.";
        configuration.all().forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                toolSettings.put(key.substring(prefix.length()), value);
            }
        });
        return injector.getInstance(ToolsPlugin.class).folder(new PluginConfiguration("tools", toolSettings));
    }

    /**
     * {@code CALL "x.bas"} from the scripts folder, beside the parent's script name (a bot's scripts
     * call their own bot's); {@code r = USE TOOL "x", …} from a bot script's own folder when it holds
     * the tool, else from the tools folder. A parent named by an absolute path (a file run with
     * {@code basicflow run}) calls the files beside it.
     */
    static ChildScripts children(
            Path scriptsFolder, FolderScriptLibrary library, ToolFolder tools, ToolCompiler toolCompiler) {
        ScriptResolver files = ScriptResolver.directory(scriptsFolder);
        ScriptResolver named = new LibraryScriptResolver(library);
        ScriptResolver resolver = request ->
                Path.of(request.parentScript()).isAbsolute() ? files.resolve(request) : named.resolve(request);
        return new ToolFolderChildScripts(
                tools, ChildScripts.from(resolver), parent -> toolsBeside(library, toolCompiler, parent));
    }

    private static Optional<ToolFolderChildScripts.BotTools> toolsBeside(
            FolderScriptLibrary library, ToolCompiler toolCompiler, String parent) {
        if (Path.of(parent).isAbsolute() || BotNames.botOf(parent).isEmpty()) {
            return Optional.empty(); // a file run by its path (basicflow run FILE) has no library bot
        }
        Optional<Path> file;
        try {
            file = library.file(parent);
        } catch (ScriptLibraryException e) {
            return Optional.empty();
        }
        String prefix = parent.substring(0, parent.lastIndexOf('/') + 1);
        return file.map(
                path -> new ToolFolderChildScripts.BotTools(new ToolFolder(path.getParent(), toolCompiler), prefix));
    }

    /**
     * The scripts folder, as the HTTP API offers it.
     *
     * @return the library over the scripts folder
     */
    public FolderScriptLibrary scripts() {
        return scripts;
    }

    /**
     * The tools beside a bot's script: the folder its script is in, where General Bots keeps a bot's
     * tools.
     *
     * @param scriptName an execution's script name, e.g. {@code support/start.bas}
     * @return the bot's tools, or empty when the script belongs to no bot of the scripts folder
     */
    public Optional<ToolFolderChildScripts.BotTools> botTools(String scriptName) {
        return toolsBeside(scripts, toolCompiler, scriptName);
    }

    /**
     * The engine: start executions, send input, read messages and history.
     *
     * @return the engine
     */
    public DurableWorkflowEngine engine() {
        return runtime.engine();
    }

    /**
     * The event store under the engine, for read-only views (the web console).
     *
     * @return the store
     */
    public io.basicflow.engine.store.EventStore store() {
        return runtime.store();
    }

    /**
     * The tools folder.
     *
     * @return the folder tools are found in
     */
    public ToolFolder tools() {
        return tools;
    }

    /**
     * The database this node uses.
     *
     * @return the started database
     */
    public Database database() {
        return database;
    }

    /**
     * Stops the workers (running activations reach a commit boundary or give their lease back), then
     * the database. A node is one-shot, but the injector is not: {@link #start} on the same injector
     * starts a new node.
     */
    @Override
    public void close() {
        try {
            gauges.close();
        } catch (Exception e) {
            log.debug("removing the execution gauges failed", e);
        }
        try {
            runtime.close();
        } finally {
            database.close();
        }
    }
}
