package io.basicflow.testkit.internal;

import io.basicflow.persistence.Database;
import io.basicflow.persistence.DatabaseConfig;
import io.basicflow.persistence.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The one embedded PostgreSQL of a test JVM: started on first use in a temporary folder, stopped and
 * deleted by a shutdown hook. It keeps a template database with the basicflow schema, so a kit's
 * fresh database is a copy of it rather than a run of the migrations.
 */
public final class KitPostgres {

    private static final String TEMPLATE = "basicflow_testkit_template";
    private static final Object LOCK = new Object();
    private static KitPostgres shared;

    private final EmbeddedPostgres server;
    private final AtomicInteger databases = new AtomicInteger();

    private KitPostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    /**
     * The server of this JVM, started (with its template database) on first use.
     *
     * @return the server
     */
    public static KitPostgres shared() {
        synchronized (LOCK) {
            if (shared == null) {
                shared = launch();
            }
            return shared;
        }
    }

    private static KitPostgres launch() {
        Path folder;
        try {
            folder = Files.createTempDirectory("basicflow-testkit-postgres-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the test kit's PostgreSQL", e);
        }
        EmbeddedPostgres server =
                EmbeddedPostgres.builder(folder.resolve("data")).start();
        KitPostgres created = new KitPostgres(server);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            deleteRecursively(folder);
                        },
                        "basicflow-testkit-postgres-stop"));
        created.createTemplate();
        return created;
    }

    private void createTemplate() {
        execute("create database " + TEMPLATE);
        // Database.start() runs the Flyway migrations: the same schema as the app's.
        DatabaseConfig config = DatabaseConfig.external(server.jdbcUrl(TEMPLATE), EmbeddedPostgres.SUPERUSER, "")
                .withPool(DatabaseConfig.Pool.defaults().withSize(4));
        try (Database database = new Database(config).start()) {
            database.jdbcUrl(); // migrated
        }
        // CREATE DATABASE ... TEMPLATE needs the template idle: no session may stay on it.
        execute("alter database " + TEMPLATE + " with is_template true allow_connections false");
    }

    /**
     * A fresh database with the basicflow schema.
     *
     * @return its name
     */
    public String createDatabase() {
        String name = "kit_" + databases.incrementAndGet();
        execute("create database " + name + " template " + TEMPLATE);
        return name;
    }

    /**
     * The configuration of a {@link Database} on one of this server's databases.
     *
     * @param name the database name
     * @return the configuration: a pool of 8 that gives up waiting for a connection after 5 s
     */
    public DatabaseConfig config(String name) {
        return DatabaseConfig.external(jdbcUrl(name), EmbeddedPostgres.SUPERUSER, "")
                .withPool(DatabaseConfig.Pool.defaults().withSize(8).withConnectionTimeout(Duration.ofSeconds(5)));
    }

    /**
     * The JDBC URL of one of this server's databases (user {@code postgres}, no password).
     *
     * @param name the database name
     * @return the URL
     */
    public String jdbcUrl(String name) {
        return server.jdbcUrl(name);
    }

    /**
     * Drops a database, ending its sessions.
     *
     * @param name the database name
     */
    public void dropDatabase(String name) {
        execute("drop database if exists " + name + " with (force)");
    }

    private void execute(String sql) {
        try (Connection admin = server.dataSource("postgres").getConnection();
                Statement statement = admin.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on the test kit's PostgreSQL: " + e.getMessage(), e);
        }
    }

    private static void deleteRecursively(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary folder: the operating system cleans up what is left
        }
    }
}
