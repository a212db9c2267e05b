package io.basicflow.persistence;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.api.ExecutionPage;
import io.basicflow.engine.api.ExecutionQuery;
import io.basicflow.engine.api.MessageView;
import io.basicflow.engine.store.ExecutionReads;
import io.basicflow.engine.store.ExecutionRecord;
import io.basicflow.engine.store.ScriptSource;
import io.basicflow.engine.store.StoredEvent;
import io.basicflow.persistence.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * One connection to a basicflow database that is ready as it is, for reads only: what the operator's
 * query commands ({@code executions}, {@code show}, {@code history}) need beside a running server.
 * Attaching starts nothing — no embedded server, no pool, no Flyway, no notification listener — so
 * it takes one connection's time instead of a node's start.
 *
 * <p>{@link #attach} succeeds only when the database can be read at once: an external database
 * ({@code basicflow.db.url}), or the embedded server that another live process runs on the data
 * folder; and its schema is the one this build's migrations make. Otherwise it answers empty and the
 * caller starts a node as before (which starts the server, migrates, and reports what is wrong).
 * Not thread-safe: one connection, one caller.
 */
public final class QueryConnection implements ExecutionReads, AutoCloseable {

    static {
        JooqDefaults.apply();
    }

    private final Connection connection;
    private final DSLContext dsl;
    private final String jdbcUrl;

    private QueryConnection(Connection connection, String jdbcUrl) {
        this.connection = connection;
        this.dsl = DSL.using(connection, SQLDialect.POSTGRES);
        this.jdbcUrl = jdbcUrl;
    }

    /**
     * Connects to the database a configuration names when it can be read without starting anything.
     *
     * @param config where the database is
     * @return the connection, or empty when a node must start first: the embedded server runs in no
     *     other process, the database cannot be reached, or its schema is not current
     */
    public static Optional<QueryConnection> attach(DatabaseConfig config) {
        requireNonNull(config, "config is null");
        String url;
        String user;
        String password;
        switch (config.server()) {
            case DatabaseConfig.External external -> {
                url = external.jdbcUrl();
                user = external.user();
                password = external.password();
            }
            case DatabaseConfig.Embedded embedded -> {
                Optional<String> running = EmbeddedPostgres.runningElsewhere(
                        embedded.dataDirectory().toAbsolutePath().normalize(), DatabaseConfig.EMBEDDED_DATABASE);
                if (running.isEmpty()) {
                    return Optional.empty();
                }
                url = running.get();
                user = EmbeddedPostgres.SUPERUSER;
                password = "";
            }
        }
        Properties properties = Database.driverProperties(config.pool());
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        Connection connection;
        try {
            connection = new org.postgresql.Driver().connect(url, properties);
        } catch (SQLException e) {
            return Optional.empty(); // the node's start says why, in its words
        }
        if (connection == null) {
            return Optional.empty();
        }
        if (!SchemaFreshness.upToDate(connection, QueryConnection.class.getClassLoader())) {
            closeQuietly(connection);
            return Optional.empty();
        }
        return Optional.of(new QueryConnection(connection, url));
    }

    /**
     * The JDBC URL, without its password (for messages).
     *
     * @return the URL
     */
    public String jdbcUrl() {
        return JdbcUrls.redact(jdbcUrl);
    }

    @Override
    public Optional<ExecutionRecord> find(String executionId) {
        return new ExecutionRepository(dsl).find(executionId);
    }

    @Override
    public ExecutionPage list(ExecutionQuery query) {
        return new ExecutionRepository(dsl).list(query);
    }

    @Override
    public List<StoredEvent> events(String executionId, long afterSeq, int limit) {
        return new EventRepository(dsl).after(executionId, afterSeq, limit);
    }

    @Override
    public List<MessageView> messages(String executionId, long afterSeq, int limit) {
        return new OutboxRepository(dsl).after(executionId, afterSeq, limit);
    }

    @Override
    public Optional<ScriptSource> script(String hash) {
        return new ScriptRepository(dsl).sourceByHash(hash);
    }

    /** Closes the connection. */
    @Override
    public void close() {
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // the server is gone or the connection broke: nothing is left to release
        }
    }
}
