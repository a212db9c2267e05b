package io.basicflow.app.node;

import static java.util.Objects.requireNonNull;

import io.basicflow.app.assembly.PersistenceModule;
import io.basicflow.app.config.Configuration;
import io.basicflow.persistence.Database;
import io.basicflow.persistence.DatabaseConfig;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database of a node being started early, on a background thread, while the application builds
 * its injector: what {@link BasicflowNode#prepare} returns and {@link BasicflowNode#start(
 * com.google.inject.Injector, boolean, java.nio.file.Path, PreparedDatabase)} uses. The embedded
 * PostgreSQL starts (or an external database is connected to), the pool opens and the schema is
 * checked and migrated exactly as {@link BasicflowNode#start} would do it, only sooner.
 *
 * <p>It is used once. A preparation that no node used is closed by {@link #close()}, which stops
 * what it started (waiting for the start to finish first); closing one a node used does nothing.
 */
public final class PreparedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PreparedDatabase.class);

    private final Database database;
    private final CompletableFuture<Database> started;
    private boolean used;

    private PreparedDatabase(Database database) {
        this.database = database;
        this.started = new CompletableFuture<>();
    }

    /** Creates the database of {@code configuration} and starts it on a new daemon thread. */
    static PreparedDatabase start(Configuration configuration) {
        requireNonNull(configuration, "configuration is null");
        PreparedDatabase prepared = new PreparedDatabase(new Database(PersistenceModule.configOf(configuration)));
        BasicflowNode.logFirstStart(prepared.database);
        Thread.ofPlatform().daemon().name("basicflow-database-start").start(() -> {
            try {
                prepared.started.complete(prepared.database.start());
            } catch (Throwable e) {
                prepared.started.completeExceptionally(e);
            }
        });
        return prepared;
    }

    /**
     * The configuration of the database being started.
     *
     * @return where the database is and how its pool behaves
     */
    public DatabaseConfig config() {
        return database.config();
    }

    /**
     * Waits for the start and hands the started database to the node's own {@code Database}.
     *
     * @param target the database the node's injector holds
     * @throws IllegalStateException if this preparation was used already
     * @throws IllegalArgumentException if the injector's database has another configuration (the
     *     preparation is closed then)
     * @throws RuntimeException the start's own failure ({@code DatabaseUnavailableException},
     *     {@code SchemaMigrationException}, {@code EmbeddedPostgresException}), as the node's start
     *     would have thrown it
     */
    synchronized void handTo(Database target) {
        if (used) {
            throw new IllegalStateException(
                    "this PreparedDatabase was used by a node already; call BasicflowNode.prepare again for another");
        }
        used = true;
        if (!target.config().equals(database.config())) {
            closeStarted();
            throw new IllegalArgumentException("the node's injector configures the database "
                    + target.config().server()
                    + ", but BasicflowNode.prepare was given "
                    + database.config().server()
                    + ": build the injector and the preparation from the same Configuration");
        }
        target.takeOver(awaitStart());
    }

    private Database awaitStart() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return started.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the start cannot be abandoned half-way: wait for it
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    if (cause instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException("starting the database failed: " + cause, cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void closeStarted() {
        try {
            awaitStart().close();
        } catch (RuntimeException e) {
            log.debug("the prepared database did not start; nothing to stop", e);
        }
    }

    /**
     * Stops what this preparation started, unless a node took it over: waits for the start to end,
     * then closes the database.
     */
    @Override
    public synchronized void close() {
        if (used) {
            return;
        }
        used = true;
        closeStarted();
    }
}
