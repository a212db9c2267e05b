package io.basicflow.persistence.testing;

import static java.util.Objects.requireNonNull;

import io.basicflow.persistence.Database;
import io.basicflow.persistence.DatabaseConfig;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * A database of its own for one test class, on the {@link TestPostgresServer} of the JVM, with the
 * basicflow schema migrated (unless made with {@link TestPostgresServer#createEmptyDatabase}).
 * Closing it drops it.
 */
public final class TestDatabase implements AutoCloseable {

    private final TestPostgresServer server;
    private final String name;

    TestDatabase(TestPostgresServer server, String name) {
        this.server = requireNonNull(server, "server is null");
        this.name = requireNonNull(name, "name is null");
    }

    /**
     * The database name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Its JDBC URL.
     *
     * @return the URL
     */
    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    /**
     * The user to connect with (no password needed).
     *
     * @return the user
     */
    public String user() {
        return server.user();
    }

    /**
     * An unpooled data source: each {@code getConnection()} opens a new session.
     *
     * @return the data source
     */
    public DataSource dataSource() {
        return server.dataSource(name);
    }

    /**
     * A configuration for a {@link Database} on this database: a pool of 4 that gives up waiting
     * for a connection after 2 s, so fault tests fail fast.
     *
     * @return the configuration
     */
    public DatabaseConfig config() {
        return DatabaseConfig.external(jdbcUrl(), user(), "")
                .withPool(DatabaseConfig.Pool.defaults().withSize(4).withConnectionTimeout(Duration.ofSeconds(2)));
    }

    /**
     * Starts a {@link Database} on this database (its Flyway run finds the schema up to date).
     *
     * @return the started database; the caller closes it
     */
    public Database startDatabase() {
        return new Database(config()).start();
    }

    /**
     * Ends every session of this database ({@code pg_terminate_backend}).
     *
     * @return how many sessions were ended
     */
    public int terminateConnections() {
        return server.terminateConnections(name);
    }

    /**
     * How many sessions this database has now.
     *
     * @return the number of connected backends
     */
    public int connectionCount() {
        return server.connectionCount(name);
    }

    /**
     * The server this database is on.
     *
     * @return the shared server
     */
    public TestPostgresServer server() {
        return server;
    }

    /** Drops the database, ending its sessions. */
    @Override
    public void close() {
        server.dropDatabase(name);
    }

    @Override
    public String toString() {
        return "TestDatabase[" + jdbcUrl() + "]";
    }
}
