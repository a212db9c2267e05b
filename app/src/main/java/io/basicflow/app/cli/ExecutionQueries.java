package io.basicflow.app.cli;

import com.google.inject.Injector;
import io.basicflow.app.config.Configuration;
import io.basicflow.app.config.Setting;
import io.basicflow.app.node.BasicflowNode;
import io.basicflow.compiler.ScriptService;
import io.basicflow.engine.durable.ExecutionReader;
import io.basicflow.engine.store.ExecutionReads;
import io.basicflow.persistence.DatabaseConfig;
import io.basicflow.persistence.QueryConnection;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the query commands ({@code executions}, {@code show}, {@code history}) read through. Beside a
 * running server — the embedded PostgreSQL of the data folder runs in another process, or the
 * database is external — they attach: one connection and the reads, without the plugins, the
 * injector, the pool, Flyway or the workers. Otherwise they start an API-only node as before (which
 * starts the embedded server and migrates the schema). Both read through the same
 * {@link ExecutionReader}, so they print the same.
 */
final class ExecutionQueries implements AutoCloseable {

    private final ExecutionReader reader;
    private final AutoCloseable resource;

    private ExecutionQueries(ExecutionReader reader, AutoCloseable resource) {
        this.reader = reader;
        this.resource = resource;
    }

    /**
     * Attaches to a database that is ready, or starts a node without workers.
     *
     * @param configuration the command's configuration
     * @return the reads; close them when done
     */
    static ExecutionQueries open(Configuration configuration) {
        Logging.quietUnlessConfigured("WARN");
        int inputAttempts = configuration.getInt(Setting.LIMIT_HEAR_ATTEMPTS);
        Optional<QueryConnection> connection = QueryConnection.attach(
                DatabaseConfig.fromProperties(key -> configuration.get(key).orElse(null)));
        if (connection.isPresent()) {
            // The plugins are loaded only to describe a waiting HEAR (show of an execution waiting for input).
            Supplier<ScriptService> compiler =
                    () -> Assembly.compiler(configuration).getInstance(ScriptService.class);
            return new ExecutionQueries(reader(connection.get(), compiler, inputAttempts), connection.get());
        }
        Injector injector = Assembly.full(configuration);
        BasicflowNode node = NodeCommands.apiNode(configuration, injector);
        return new ExecutionQueries(
                reader(node.store(), () -> injector.getInstance(ScriptService.class), inputAttempts), node);
    }

    private static ExecutionReader reader(ExecutionReads reads, Supplier<ScriptService> compiler, int inputAttempts) {
        return new ExecutionReader(reads, ExecutionReader.PinnedScripts.lazilyCompiled(reads, compiler), inputAttempts);
    }

    /**
     * The reads.
     *
     * @return the reader
     */
    ExecutionReader reader() {
        return reader;
    }

    @Override
    public void close() {
        try {
            resource.close();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("closing the database failed: " + e.getMessage(), e);
        }
    }
}
