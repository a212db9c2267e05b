package io.basicflow.persistence.testing;

import io.basicflow.persistence.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one embedded PostgreSQL of a test JVM: started lazily in a temporary folder, stopped (and the
 * folder deleted) by a shutdown hook. It holds a template database with the basicflow migrations
 * applied, so a fresh database for a test class is a copy ({@code CREATE DATABASE ... TEMPLATE}),
 * not a Flyway run; the next copy is made in the background while a class runs, so handing it out
 * is a rename that costs milliseconds.
 *
 * <p>Fault tests can {@link #stop()} and {@link #start()} it (same folder, same port, so URLs stay
 * valid) and {@linkplain #terminateConnections(String) kill the sessions} of a database. A test that
 * stops the server starts it again in a {@code finally} block: other test classes share it.
 */
public final class TestPostgresServer {

    /** The database that holds the migrated schema; every test database is a copy of it. */
    public static final String TEMPLATE = "basicflow_template";

    private static final Logger log = LoggerFactory.getLogger(TestPostgresServer.class);
    private static final Object LOCK = new Object();
    private static volatile TestPostgresServer shared;

    private final Path dataDirectory;
    private final AtomicInteger databases = new AtomicInteger();
    private final ExecutorService spareMaker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "basicflow-test-postgres-spare");
        thread.setDaemon(true);
        return thread;
    });
    private int port;
    private volatile EmbeddedPostgres server;
    private Future<String> spare;

    private TestPostgresServer(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    /**
     * The server of this JVM, started on first use with the template database ready.
     *
     * @return the shared server
     */
    public static TestPostgresServer shared() {
        TestPostgresServer current = shared;
        if (current != null) {
            return current;
        }
        synchronized (LOCK) {
            if (shared == null) {
                shared = launch();
            }
            return shared;
        }
    }

    private static TestPostgresServer launch() {
        Path folder;
        try {
            folder = Files.createTempDirectory("basicflow-test-postgres-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the test PostgreSQL", e);
        }
        long startedAt = System.nanoTime();
        TestPostgresServer created = new TestPostgresServer(folder.resolve("data"));
        created.start();
        created.port = created.server.port();
        long serverReadyAt = System.nanoTime();
        created.createTemplate();
        log.info(
                "Test PostgreSQL ready on port {}: server {} ms, template with migrations {} ms",
                created.port,
                (serverReadyAt - startedAt) / 1_000_000,
                (System.nanoTime() - serverReadyAt) / 1_000_000);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            created.stop();
                            deleteRecursively(folder);
                        },
                        "basicflow-test-postgres-stop"));
        return created;
    }

    private void createTemplate() {
        try (Connection admin = adminDataSource().getConnection();
                Statement statement = admin.createStatement()) {
            statement.execute("create database " + TEMPLATE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the template database: " + e.getMessage(), e);
        }
        Flyway.configure(TestPostgresServer.class.getClassLoader())
                .dataSource(dataSource(TEMPLATE))
                .locations("classpath:db/migration")
                .load()
                .migrate();
        // No session may stay on the template: CREATE DATABASE ... TEMPLATE needs it idle.
        execute("alter database " + TEMPLATE + " with is_template true allow_connections false");
    }

    /**
     * Starts the server (again) on its folder and, after the first start, on the same port.
     *
     * @throws IllegalStateException if it runs already
     */
    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("the test PostgreSQL runs already");
        }
        server = EmbeddedPostgres.builder(dataDirectory).port(port).start();
    }

    /** Stops the server with a fast shutdown; connections to it break. Does nothing if stopped. */
    public synchronized void stop() {
        // Never stop the server under a CREATE DATABASE; the finished spare stays for after the restart.
        if (spare != null) {
            String made = takeSpare();
            spare = made == null ? null : CompletableFuture.completedFuture(made);
        }
        EmbeddedPostgres running = server;
        server = null;
        if (running != null) {
            running.close();
        }
    }

    /**
     * Whether the server runs.
     *
     * @return true between {@link #start()} and {@link #stop()}
     */
    public boolean isRunning() {
        return server != null;
    }

    /**
     * The port, the same across restarts.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * The user every test database is reached with (no password).
     *
     * @return {@code postgres}
     */
    public String user() {
        return EmbeddedPostgres.SUPERUSER;
    }

    /**
     * The JDBC URL of a database on this server.
     *
     * @param database the database name
     * @return the URL
     */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    /**
     * An unpooled data source for a database on this server.
     *
     * @param database the database name
     * @return a data source that opens a new connection each time
     */
    public DataSource dataSource(String database) {
        org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
        dataSource.setURL(jdbcUrl(database));
        dataSource.setUser(user());
        dataSource.setApplicationName("basicflow-test");
        return dataSource;
    }

    /**
     * A fresh database with the migrated schema (a copy of the template).
     *
     * @param hint a word for the name, e.g. the test class's simple name
     * @return the database; closing it drops it
     */
    public synchronized TestDatabase createDatabase(String hint) {
        String name = uniqueName(hint);
        long startedAt = System.nanoTime();
        String spare = takeSpare();
        if (spare != null) {
            execute("alter database " + spare + " rename to " + name);
        } else {
            execute("create database " + name + " template " + TEMPLATE);
        }
        log.info(
                "Test database {} ready in {} ms ({})",
                name,
                (System.nanoTime() - startedAt) / 1_000_000,
                spare != null ? "a spare copy, renamed" : "copied from the template");
        prepareSpare();
        return new TestDatabase(this, name);
    }

    /**
     * Copying the template takes a few hundred milliseconds (its WAL is written and flushed), so the
     * next copy is made in the background while a test class runs, and renamed when it is asked for.
     */
    private void prepareSpare() {
        String name = "spare_" + databases.incrementAndGet();
        spare = spareMaker.submit(() -> {
            execute("create database " + name + " template " + TEMPLATE);
            return name;
        });
    }

    /** The spare copy once it is made, or null if there is none or making it failed. */
    private String takeSpare() {
        Future<String> pending = spare;
        spare = null;
        if (pending == null) {
            return null;
        }
        try {
            return pending.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.info("No spare test database ({}); copying the template instead", e.toString());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * A fresh database with no schema at all, e.g. to test the migrations themselves.
     *
     * @param hint a word for the name
     * @return the database; closing it drops it
     */
    public TestDatabase createEmptyDatabase(String hint) {
        String name = uniqueName(hint);
        execute("create database " + name);
        return new TestDatabase(this, name);
    }

    /**
     * Ends every session of a database (as {@code pg_terminate_backend} does when an administrator
     * or a failover kills them); their next use fails.
     *
     * @param database the database name
     * @return how many sessions were ended
     */
    public int terminateConnections(String database) {
        try (Connection admin = adminDataSource().getConnection();
                PreparedStatement terminate = admin.prepareStatement(
                        "select count(*) filter (where pg_terminate_backend(pid)) from pg_stat_activity"
                                + " where datname = ? and pid <> pg_backend_pid()")) {
            terminate.setString(1, database);
            try (ResultSet row = terminate.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot terminate the sessions of " + database + ": " + e.getMessage(), e);
        }
    }

    /**
     * How many sessions a database has now.
     *
     * @param database the database name
     * @return the number of backends connected to it
     */
    public int connectionCount(String database) {
        try (Connection admin = adminDataSource().getConnection();
                PreparedStatement count =
                        admin.prepareStatement("select count(*) from pg_stat_activity where datname = ?")) {
            count.setString(1, database);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the sessions of " + database + ": " + e.getMessage(), e);
        }
    }

    void dropDatabase(String database) {
        if (isRunning()) {
            execute("drop database if exists " + database + " with (force)");
        }
    }

    private DataSource adminDataSource() {
        return dataSource("postgres");
    }

    private void execute(String sql) {
        try (Connection admin = adminDataSource().getConnection();
                Statement statement = admin.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }

    private String uniqueName(String hint) {
        String word = hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        String name = "test_" + databases.incrementAndGet() + "_" + word;
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    private static void deleteRecursively(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary folder: the OS cleans up what is left
        }
    }
}
