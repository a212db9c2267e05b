package io.basicflow.app.node;

import static java.util.Objects.requireNonNull;

import com.google.inject.Injector;
import io.basicflow.app.assembly.ExecutionStatusGauges;
import io.basicflow.app.config.Configuration;
import io.basicflow.app.tools.ToolFolderChildScripts;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.engine.direct.ScriptResolver;
import io.basicflow.engine.durable.ChildScripts;
import io.basicflow.engine.durable.DurableSettings;
import io.basicflow.engine.durable.DurableWorkflowEngine;
import io.basicflow.engine.durable.EngineMetrics;
import io.basicflow.persistence.Database;
import io.basicflow.persistence.DatabaseConfig;
import io.basicflow.persistence.DurableRuntime;
import io.basicflow.spi.PluginConfiguration;
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
 * close, running activations reach a commit boundary or give their lease back.
 */
public final class BasicflowNode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BasicflowNode.class);

    private final Database database;
    private final DurableRuntime runtime;
    private final ToolFolder tools;

    private BasicflowNode(Database database, DurableRuntime runtime, ToolFolder tools) {
        this.database = database;
        this.runtime = runtime;
        this.tools = tools;
    }

    /**
     * Starts a node.
     *
     * @param injector the app's injector
     * @param workers whether this process runs workers (false: an API-only node)
     * @param scriptsFolder where {@code CALL "x.bas"} finds scripts
     * @return the running node
     */
    public static BasicflowNode start(Injector injector, boolean workers, Path scriptsFolder) {
        requireNonNull(scriptsFolder, "scriptsFolder is null");
        Configuration configuration = injector.getInstance(Configuration.class);
        KeywordCatalogue catalogue = injector.getInstance(KeywordCatalogue.class);
        ToolFolder tools = toolFolder(injector, configuration);
        Database database = injector.getInstance(Database.class);
        if (database.config().server() instanceof DatabaseConfig.Embedded embedded
                && !java.nio.file.Files.isDirectory(embedded.dataDirectory())) {
            // The only slow start: say what is happening.
            System.err.println("basicflow: creating the embedded PostgreSQL in " + embedded.dataDirectory()
                    + " (first start, a few seconds)…");
        }
        database.start();
        try {
            DurableRuntime.Builder builder = DurableRuntime.builder(database, catalogue)
                    .settings(injector.getInstance(DurableSettings.class))
                    .configuration(configuration.all())
                    .clock(injector.getInstance(Clock.class))
                    .metrics(injector.getInstance(EngineMetrics.class))
                    .children(children(ScriptResolver.directory(scriptsFolder), tools))
                    .workers(workers);
            // Bot data in another database (basicflow.data.url); else it is written in the steps' commits.
            injector.getInstance(com.google.inject.Key.get(
                            new com.google.inject.TypeLiteral<Optional<io.basicflow.engine.data.DataConnections>>() {}))
                    .filter(data -> !data.sharesEngineDatabase())
                    .ifPresent(builder::data);
            DurableRuntime runtime = builder.start();
            ExecutionStatusGauges.register(runtime.store(), injector.getInstance(MeterRegistry.class));
            log.info(
                    "basicflow node started on {} ({})",
                    database.jdbcUrl(),
                    workers ? "with workers" : "API only, no workers");
            return new BasicflowNode(database, runtime, tools);
        } catch (RuntimeException e) {
            database.close();
            throw e;
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

    /** {@code CALL "x.bas"} from the scripts folder; {@code r = USE TOOL "x", …} from the tools folder. */
    static ChildScripts children(ScriptResolver scripts, ToolFolder tools) {
        return new ToolFolderChildScripts(tools, ChildScripts.from(scripts));
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

    @Override
    public void close() {
        try {
            runtime.close();
        } finally {
            database.close();
        }
    }
}
