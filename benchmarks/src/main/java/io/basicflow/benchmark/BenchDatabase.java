package io.basicflow.benchmark;

import io.basicflow.persistence.Database;
import io.basicflow.persistence.DatabaseConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The database a benchmark runs on, left as it was found: a fresh embedded PostgreSQL in a temporary
 * folder (through the project's wrapper: fsync and synchronous commit on), deleted afterwards; or, on
 * an external PostgreSQL, a scratch schema that is dropped afterwards.
 */
final class BenchDatabase implements AutoCloseable {

    private final Database database;
    private final String url;
    private final String user;
    private final String password;
    private final Optional<Path> folder;
    private final Optional<String> schema;

    private BenchDatabase(
            Database database,
            String url,
            String user,
            String password,
            Optional<Path> folder,
            Optional<String> schema) {
        this.database = database;
        this.url = url;
        this.user = user;
        this.password = password;
        this.folder = folder;
        this.schema = schema;
    }

    /**
     * Starts the database and migrates the schema.
     *
     * @param options where: {@link BenchOptions#databaseUrl()}, with {@code basicflow.db.user},
     *     {@code basicflow.db.password} and {@code basicflow.db.pool.*} from its settings
     * @return the started database
     */
    static BenchDatabase open(BenchOptions options) {
        Function<String, String> settings = options.settings();
        DatabaseConfig.Pool pool =
                DatabaseConfig.fromProperties(settings::apply).pool();
        if (options.databaseUrl().isEmpty()) {
            Path folder;
            try {
                folder = Files.createTempDirectory("basicflow-bench");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary folder for the benchmark's database", e);
            }
            try {
                Database database = new Database(DatabaseConfig.embedded(folder).withPool(pool)).start();
                return new BenchDatabase(
                        database, database.jdbcUrl(), "postgres", "", Optional.of(folder), Optional.empty());
            } catch (RuntimeException e) {
                delete(folder);
                throw e;
            }
        }
        String base = options.databaseUrl().get();
        String user = Optional.ofNullable(settings.apply(DatabaseConfig.PREFIX + "user"))
                .orElse("postgres");
        String password = Optional.ofNullable(settings.apply(DatabaseConfig.PREFIX + "password"))
                .orElse("");
        String schema = "basicflow_bench_"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        execute(base, user, password, "create schema " + schema);
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        try {
            Database database =
                    new Database(DatabaseConfig.external(url, user, password).withPool(pool)).start();
            return new BenchDatabase(database, url, user, password, Optional.empty(), Optional.of(schema));
        } catch (RuntimeException e) {
            execute(base, user, password, "drop schema " + schema + " cascade");
            throw e;
        }
    }

    /** The started database. */
    Database database() {
        return database;
    }

    /** Its JDBC URL, user and password, for worker processes. */
    String url() {
        return url;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    /** The process id of the embedded server's postmaster, when this process started one. */
    Optional<Long> postmasterPid() {
        return folder.flatMap(data -> {
            try {
                return Optional.of(Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid"))
                        .getFirst()
                        .trim()));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        });
    }

    /** Where the database is, for the report. */
    String describe() {
        return folder.isPresent() ? "embedded" : "external";
    }

    /** Stops the database; deletes the embedded server's folder or drops the scratch schema. */
    @Override
    public void close() {
        try {
            database.close();
        } finally {
            folder.ifPresent(BenchDatabase::delete);
            schema.ifPresent(name -> execute(
                    url.substring(0, url.lastIndexOf("currentSchema=") - 1),
                    user,
                    password,
                    "drop schema " + name + " cascade"));
        }
    }

    private static void execute(String url, String user, String password, String sql) {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        try (Connection connection = DriverManager.getConnection(url, properties);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "the benchmark could not run '" + sql + "' on " + url + ": " + e.getMessage(), e);
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // a file the server still writes; the folder is in the temporary folder anyway
                }
            });
        } catch (IOException e) {
            // already gone
        }
        try {
            // the embedded server's lock file beside its folder, released when the server stopped
            Files.deleteIfExists(folder.resolveSibling(folder.getFileName() + ".lock"));
        } catch (IOException e) {
            // the temporary folder is cleaned up by the system anyway
        }
    }
}
