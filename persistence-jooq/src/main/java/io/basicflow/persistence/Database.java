package io.basicflow.persistence;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.basicflow.persistence.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The basicflow database: starts the embedded PostgreSQL when configured, opens the HikariCP pool,
 * applies the Flyway migrations ({@code classpath:db/migration}), and closes it all again.
 *
 * <p>Construction does no I/O; {@link #start()} connects (again after {@link #close()}: a database is
 * restartable) and fails with a clear
 * {@link DatabaseUnavailableException} or {@link SchemaMigrationException}. The jOOQ
 * {@link DSLContext} is for the repositories of this module only; other modules see the
 * {@link #dataSource()} (e.g. for LISTEN/NOTIFY) and the services built on it.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final String MIGRATIONS = "classpath:db/migration";

    static {
        JooqDefaults.apply();
    }

    private final DatabaseConfig config;
    private volatile Running running;
    private boolean closed;

    /** What a started database holds; the server is null for an external database. */
    private record Running(
            EmbeddedPostgres server,
            String jdbcUrl,
            String user,
            String password,
            HikariDataSource pool,
            DSLContext dsl) {}

    /**
     * Creates the service; nothing happens until {@link #start()}.
     *
     * @param config where the database is and how to pool connections
     */
    public Database(DatabaseConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    /**
     * Starts the embedded server if configured, opens the pool and migrates the schema.
     *
     * @return this database
     * @throws DatabaseUnavailableException if the database cannot be reached
     * @throws SchemaMigrationException if the migrations fail
     * @throws io.basicflow.persistence.embedded.EmbeddedPostgresException if the embedded server fails
     * @throws IllegalStateException if already started
     */
    public synchronized Database start() {
        // Restartable: a closed database starts again (a node stopped and started on one injector).
        if (running != null) {
            throw new IllegalStateException("this Database is already started");
        }
        long startedAt = System.nanoTime();
        JooqDefaults.warmUpInBackground();
        EmbeddedPostgres server = null;
        HikariDataSource pool = null;
        try {
            String jdbcUrl;
            String user;
            String password;
            Optional<String> elsewhere = config.server() instanceof DatabaseConfig.Embedded embedded
                    ? EmbeddedPostgres.runningElsewhere(embedded.dataDirectory(), DatabaseConfig.EMBEDDED_DATABASE)
                    : Optional.empty();
            switch (config.server()) {
                case DatabaseConfig.External external -> {
                    jdbcUrl = external.jdbcUrl();
                    user = external.user();
                    password = external.password();
                }
                case DatabaseConfig.Embedded embedded
                when elsewhere.isPresent() -> {
                    // Another process (a running server) owns the folder: share its PostgreSQL.
                    jdbcUrl = elsewhere.get();
                    user = EmbeddedPostgres.SUPERUSER;
                    password = "";
                    log.info(
                            "The embedded PostgreSQL of {} is run by another process; using it at {}",
                            embedded.dataDirectory(),
                            jdbcUrl);
                }
                case DatabaseConfig.Embedded embedded -> {
                    server = EmbeddedPostgres.builder(embedded.dataDirectory())
                            .port(embedded.port())
                            .start();
                    server.createDatabaseIfMissing(DatabaseConfig.EMBEDDED_DATABASE);
                    jdbcUrl = server.jdbcUrl(DatabaseConfig.EMBEDDED_DATABASE);
                    user = EmbeddedPostgres.SUPERUSER;
                    password = "";
                }
            }
            pool = openPool(jdbcUrl, user, password);
            migrate(pool, jdbcUrl);
            DSLContext dsl = DSL.using(pool, SQLDialect.POSTGRES);
            running = new Running(server, jdbcUrl, user, password, pool, dsl);
            closed = false;
            log.info(
                    "Database ready at {} in {} ms",
                    JdbcUrls.redact(jdbcUrl),
                    Duration.ofNanos(System.nanoTime() - startedAt).toMillis());
            return this;
        } catch (RuntimeException e) {
            if (pool != null) {
                pool.close();
            }
            if (server != null) {
                server.close();
            }
            throw e;
        }
    }

    /**
     * Takes over what another database of the same configuration started — its embedded server, its
     * pool — so that a database started early, on another thread (an application's
     * {@code BasicflowNode.prepare}), becomes this one, the instance the application's injector holds.
     * Afterwards {@code started} is closed and owns nothing; this database is started, and its
     * {@link #close()} stops what it took over.
     *
     * @param started a started database with a configuration equal to this one's
     * @return this database
     * @throws IllegalArgumentException if the configurations differ
     * @throws IllegalStateException if this database is already started, or {@code started} is not
     */
    public synchronized Database takeOver(Database started) {
        requireNonNull(started, "started is null");
        if (started == this) {
            throw new IllegalArgumentException("a database cannot take itself over");
        }
        if (running != null) {
            throw new IllegalStateException("this Database is already started");
        }
        if (!config.equals(started.config)) {
            throw new IllegalArgumentException("cannot take over a database of another configuration: this one is "
                    + config.server() + ", the started one " + started.config.server());
        }
        synchronized (started) {
            Running state = started.running;
            if (state == null) {
                throw new IllegalStateException("the database to take over is not started");
            }
            started.running = null;
            started.closed = true;
            running = state;
            closed = false;
        }
        return this;
    }

    private HikariDataSource openPool(String jdbcUrl, String user, String password) {
        DatabaseConfig.Pool settings = config.pool();
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("basicflow");
        hikari.setJdbcUrl(jdbcUrl);
        hikari.setUsername(user);
        hikari.setPassword(password);
        hikari.setMaximumPoolSize(settings.maximumSize());
        hikari.setMinimumIdle(settings.minimumIdle());
        hikari.setConnectionTimeout(settings.connectionTimeout().toMillis());
        hikari.setValidationTimeout(settings.validationTimeout().toMillis());
        hikari.setIdleTimeout(settings.idleTimeout().toMillis());
        hikari.setMaxLifetime(settings.maxLifetime().toMillis());
        // Fail at start, with the driver's reason, when the first connection cannot be made.
        hikari.setInitializationFailTimeout(1);
        driverProperties(settings).forEach((key, value) -> hikari.addDataSourceProperty((String) key, value));
        // The engine appends events only for execution rows it inserts or locks in the same statement,
        // so its sessions skip the schema's per-statement orphan check (migration V5); other sessions
        // keep it. A session setting, not a startup option: connection poolers refuse unknown options.
        hikari.setConnectionInitSql("set basicflow.fenced_writer = on");
        try {
            return new HikariDataSource(hikari);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable reason = e.getCause() != null ? e.getCause() : e;
            String url = JdbcUrls.redact(jdbcUrl);
            throw new DatabaseUnavailableException(
                    "Cannot connect to PostgreSQL at " + url + " as user '" + user + "': " + reason.getMessage()
                            + " Check that the server runs and is reachable from here, and the URL, user and"
                            + " password (" + DatabaseConfig.PREFIX + "url, " + DatabaseConfig.PREFIX + "user, "
                            + DatabaseConfig.PREFIX + "password).",
                    url,
                    reason);
        }
    }

    /** pgjdbc settings of every connection, pooled or dedicated. */
    static Properties driverProperties(DatabaseConfig.Pool settings) {
        Properties properties = new Properties();
        // basicflow/<pid>: an embedded server shared by processes is stopped only when no other uses it.
        properties.setProperty("ApplicationName", EmbeddedPostgres.applicationName());
        // Bounds the TCP connect of a new connection by the pool's own wait.
        properties.setProperty(
                "connectTimeout",
                Long.toString(Math.max(1, settings.connectionTimeout().toSeconds())));
        properties.setProperty("tcpKeepAlive", "true");
        // Batched INSERTs are sent as multi-row INSERTs: one round trip for an event batch.
        properties.setProperty("reWriteBatchedInserts", "true");
        return properties;
    }

    private static void migrate(DataSource pool, String jdbcUrl) {
        if (SchemaFreshness.upToDate(pool, Database.class.getClassLoader())) {
            // every migration is applied with its checksum: Flyway would only validate (most of a second)
            log.debug("The schema at {} is up to date; Flyway not needed", JdbcUrls.redact(jdbcUrl));
            return;
        }
        try {
            MigrateResult result = Flyway.configure(Database.class.getClassLoader())
                    .dataSource(pool)
                    .locations(MIGRATIONS)
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            if (result.migrationsExecuted > 0) {
                log.info(
                        "Migrated the schema at {} from version {} to {}",
                        JdbcUrls.redact(jdbcUrl),
                        result.initialSchemaVersion == null ? "(empty)" : result.initialSchemaVersion,
                        result.targetSchemaVersion);
            }
        } catch (FlywayException e) {
            throw new SchemaMigrationException(
                    "Migrating the basicflow schema at " + JdbcUrls.redact(jdbcUrl) + " failed: " + e.getMessage()
                            + " The database keeps the migrations that completed; fix the cause and start again.",
                    e);
        }
    }

    /**
     * The connection pool. Connections go back to the pool when closed.
     *
     * @return the pooled data source
     * @throws IllegalStateException if not started
     */
    public DataSource dataSource() {
        return running().pool();
    }

    /**
     * Opens a connection outside the pool with the same URL and credentials, for a session held for
     * a long time (e.g. {@code LISTEN}); the caller closes it.
     *
     * @return a new connection
     * @throws SQLException if the database cannot be reached
     * @throws IllegalStateException if not started
     */
    public Connection openDedicatedConnection() throws SQLException {
        Running state = running();
        Properties properties = driverProperties(config.pool());
        properties.setProperty("user", state.user());
        properties.setProperty("password", state.password());
        Connection connection = new org.postgresql.Driver().connect(state.jdbcUrl(), properties);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL URL: " + JdbcUrls.redact(state.jdbcUrl()));
        }
        return connection;
    }

    /**
     * The JDBC URL in use, without its password (for messages and logs).
     *
     * @return the URL
     * @throws IllegalStateException if not started
     */
    public String jdbcUrl() {
        return JdbcUrls.redact(running().jdbcUrl());
    }

    /**
     * The configuration this database was created with.
     *
     * @return the configuration
     */
    public DatabaseConfig config() {
        return config;
    }

    /** The jOOQ context over the pool, for this module's repositories. */
    DSLContext dsl() {
        return running().dsl();
    }

    private Running running() {
        Running state = running;
        if (state == null) {
            throw new IllegalStateException(
                    closed ? "the Database is closed" : "the Database is not started; call start() first");
        }
        return state;
    }

    /** Closes the pool, then stops the embedded server if this database started one. */
    @Override
    public synchronized void close() {
        closed = true;
        Running state = running;
        running = null;
        if (state == null) {
            return;
        }
        try {
            state.pool().close();
        } finally {
            if (state.server() != null) {
                state.server().close();
            }
        }
    }
}
