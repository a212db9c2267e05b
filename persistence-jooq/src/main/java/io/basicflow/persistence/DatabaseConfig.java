package io.basicflow.persistence;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the database is and how the connection pool behaves: an external PostgreSQL by JDBC URL,
 * or the embedded server in a data folder (the default).
 *
 * <p>{@link #fromProperties(Function)} reads the {@code basicflow.db.*} keys:
 *
 * <table>
 *   <caption>Configuration keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code basicflow.db.url}</td><td>(none: embedded)</td><td>JDBC URL of an external PostgreSQL</td></tr>
 *   <tr><td>{@code basicflow.db.user}</td><td>{@code postgres}</td><td>user for the external database</td></tr>
 *   <tr><td>{@code basicflow.db.password}</td><td>(empty)</td><td>password for the external database</td></tr>
 *   <tr><td>{@code basicflow.db.embedded.dir}</td><td>{@code .basicflow/postgres}</td><td>data folder of the embedded server</td></tr>
 *   <tr><td>{@code basicflow.db.embedded.port}</td><td>{@code 0} (a free port)</td><td>port of the embedded server</td></tr>
 *   <tr><td>{@code basicflow.db.pool.size}</td><td>{@code 10}</td><td>maximum connections in the pool</td></tr>
 *   <tr><td>{@code basicflow.db.pool.min-idle}</td><td>the pool size</td><td>connections kept open when idle</td></tr>
 *   <tr><td>{@code basicflow.db.pool.connection-timeout}</td><td>{@code 10s}</td><td>wait for a connection before failing</td></tr>
 *   <tr><td>{@code basicflow.db.pool.validation-timeout}</td><td>{@code 3s}</td><td>wait for a connection check</td></tr>
 *   <tr><td>{@code basicflow.db.pool.idle-timeout}</td><td>{@code 10m}</td><td>close connections idle this long (above min-idle)</td></tr>
 *   <tr><td>{@code basicflow.db.pool.max-lifetime}</td><td>{@code 30m}</td><td>replace connections this old</td></tr>
 * </table>
 *
 * <p>Durations are written {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h} or ISO-8601
 * ({@code PT10S}).
 *
 * @param server where the database is
 * @param pool the connection pool settings
 */
public record DatabaseConfig(Server server, Pool pool) {

    /** The key prefix of every database setting. */
    public static final String PREFIX = "basicflow.db.";

    /** The database the embedded server's data is kept in. */
    public static final String EMBEDDED_DATABASE = "basicflow";

    /** The default data folder of the embedded server, relative to the working directory. */
    public static final Path DEFAULT_EMBEDDED_DIRECTORY = Path.of(".basicflow", "postgres");

    /**
     * Validates the configuration.
     *
     * @param server where the database is, not null
     * @param pool the pool settings, not null
     */
    public DatabaseConfig {
        requireNonNull(server, "server is null");
        requireNonNull(pool, "pool is null");
    }

    /**
     * The embedded server in a data folder, with the default pool.
     *
     * @param dataDirectory the data folder, kept across restarts
     * @return the configuration
     */
    public static DatabaseConfig embedded(Path dataDirectory) {
        return new DatabaseConfig(new Embedded(dataDirectory, 0), Pool.defaults());
    }

    /**
     * An external PostgreSQL, with the default pool.
     *
     * @param jdbcUrl a {@code jdbc:postgresql:} URL
     * @param user the user
     * @param password the password, empty for none
     * @return the configuration
     */
    public static DatabaseConfig external(String jdbcUrl, String user, String password) {
        return new DatabaseConfig(new External(jdbcUrl, user, password), Pool.defaults());
    }

    /**
     * This configuration with other pool settings.
     *
     * @param pool the pool settings
     * @return a new configuration
     */
    public DatabaseConfig withPool(Pool pool) {
        return new DatabaseConfig(server, pool);
    }

    /**
     * Reads the {@code basicflow.db.*} keys (see the class description); absent keys take their
     * defaults. {@code DatabaseConfig.fromProperties(System::getProperty)} reads {@code -D} options.
     *
     * @param lookup returns the value of a key, or null if it is not set
     * @return the configuration
     * @throws IllegalArgumentException naming the key whose value is malformed
     */
    public static DatabaseConfig fromProperties(Function<String, String> lookup) {
        requireNonNull(lookup, "lookup is null");
        Settings settings = new Settings(lookup);
        String url = settings.text("url", null);
        Server server = url == null
                ? new Embedded(
                        Path.of(settings.text("embedded.dir", DEFAULT_EMBEDDED_DIRECTORY.toString())),
                        settings.integer("embedded.port", 0))
                : new External(url, settings.text("user", "postgres"), settings.text("password", ""));
        Pool defaults = Pool.defaults();
        int size = settings.integer("pool.size", defaults.maximumSize());
        Pool pool = new Pool(
                size,
                settings.integer("pool.min-idle", size),
                settings.duration("pool.connection-timeout", defaults.connectionTimeout()),
                settings.duration("pool.validation-timeout", defaults.validationTimeout()),
                settings.duration("pool.idle-timeout", defaults.idleTimeout()),
                settings.duration("pool.max-lifetime", defaults.maxLifetime()));
        return new DatabaseConfig(server, pool);
    }

    /** Where the database is. */
    public sealed interface Server permits External, Embedded {}

    /**
     * An external PostgreSQL reached by JDBC URL.
     *
     * @param jdbcUrl a {@code jdbc:postgresql:} URL
     * @param user the user
     * @param password the password, empty for none; never printed
     */
    public record External(String jdbcUrl, String user, String password) implements Server {

        /**
         * Validates the server.
         *
         * @param jdbcUrl a {@code jdbc:postgresql:} URL
         * @param user the user, not null
         * @param password the password, not null (empty for none)
         */
        public External {
            requireNonNull(jdbcUrl, "jdbcUrl is null");
            requireNonNull(user, "user is null");
            requireNonNull(password, "password is null");
            if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException(
                        "basicflow needs PostgreSQL: the JDBC URL must start with jdbc:postgresql:, got "
                                + JdbcUrls.redact(jdbcUrl));
            }
        }

        @Override
        public String toString() {
            return "External[jdbcUrl=" + JdbcUrls.redact(jdbcUrl) + ", user=" + user + ", password="
                    + (password.isEmpty() ? "" : "***") + "]";
        }
    }

    /**
     * The embedded PostgreSQL server, started and stopped with the {@link Database}.
     *
     * @param dataDirectory its data folder, kept across restarts
     * @param port its port, or 0 for a free one
     */
    public record Embedded(Path dataDirectory, int port) implements Server {

        /**
         * Validates the server.
         *
         * @param dataDirectory the data folder, not null
         * @param port 0 to 65535
         */
        public Embedded {
            requireNonNull(dataDirectory, "dataDirectory is null");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
            }
        }
    }

    /**
     * HikariCP pool settings.
     *
     * @param maximumSize the most connections open at once
     * @param minimumIdle connections kept open when idle (at most {@code maximumSize})
     * @param connectionTimeout how long a caller waits for a connection before failing
     * @param validationTimeout how long a connection check may take
     * @param idleTimeout how long a connection above {@code minimumIdle} may stay idle
     * @param maxLifetime how old a connection gets before it is replaced
     */
    public record Pool(
            int maximumSize,
            int minimumIdle,
            Duration connectionTimeout,
            Duration validationTimeout,
            Duration idleTimeout,
            Duration maxLifetime) {

        /**
         * Validates the settings (HikariCP's own lower bounds included).
         *
         * @param maximumSize at least 1
         * @param minimumIdle 0 to maximumSize
         * @param connectionTimeout at least 250 ms
         * @param validationTimeout at least 250 ms
         * @param idleTimeout at least 10 s
         * @param maxLifetime at least 30 s
         */
        public Pool {
            if (maximumSize < 1) {
                throw new IllegalArgumentException("pool maximumSize must be at least 1: " + maximumSize);
            }
            if (minimumIdle < 0 || minimumIdle > maximumSize) {
                throw new IllegalArgumentException(
                        "pool minimumIdle must be between 0 and maximumSize (" + maximumSize + "): " + minimumIdle);
            }
            atLeast(connectionTimeout, Duration.ofMillis(250), "connectionTimeout");
            atLeast(validationTimeout, Duration.ofMillis(250), "validationTimeout");
            atLeast(idleTimeout, Duration.ofSeconds(10), "idleTimeout");
            atLeast(maxLifetime, Duration.ofSeconds(30), "maxLifetime");
        }

        /**
         * The defaults: 10 connections, all kept open, 10 s to get one, 3 s to check one, idle
         * timeout 10 min, lifetime 30 min.
         *
         * @return the default settings
         */
        public static Pool defaults() {
            return new Pool(
                    10,
                    10,
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(3),
                    Duration.ofMinutes(10),
                    Duration.ofMinutes(30));
        }

        /**
         * These settings with another size; {@code minimumIdle} follows.
         *
         * @param size the maximum and minimum idle number of connections
         * @return new settings
         */
        public Pool withSize(int size) {
            return new Pool(size, size, connectionTimeout, validationTimeout, idleTimeout, maxLifetime);
        }

        /**
         * These settings with another connection timeout.
         *
         * @param timeout how long a caller waits for a connection
         * @return new settings
         */
        public Pool withConnectionTimeout(Duration timeout) {
            return new Pool(maximumSize, minimumIdle, timeout, validationTimeout, idleTimeout, maxLifetime);
        }

        private static void atLeast(Duration value, Duration minimum, String name) {
            requireNonNull(value, name + " is null");
            if (value.compareTo(minimum) < 0) {
                throw new IllegalArgumentException("pool " + name + " must be at least " + minimum.toMillis() + " ms: "
                        + value.toMillis() + " ms");
            }
        }
    }

    /** Typed reads of {@code basicflow.db.*} keys with errors that name the key. */
    private record Settings(Function<String, String> lookup) {

        private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

        String text(String key, String fallback) {
            String value = lookup.apply(PREFIX + key);
            return value == null || value.isBlank() ? fallback : value.trim();
        }

        int integer(String key, int fallback) {
            String value = text(key, null);
            if (value == null) {
                return fallback;
            }
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(PREFIX + key + " must be a whole number, got '" + value + "'", e);
            }
        }

        Duration duration(String key, Duration fallback) {
            String value = text(key, null);
            if (value == null) {
                return fallback;
            }
            try {
                return parseDuration(value);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new IllegalArgumentException(
                        PREFIX + key + " must be a duration like 500ms, 10s, 5m, 1h or PT10S, got '" + value + "'", e);
            }
        }

        private static Duration parseDuration(String value) {
            String text = value.toLowerCase(Locale.ROOT);
            if (text.startsWith("p")) {
                return Duration.parse(value);
            }
            Matcher match = SIMPLE_DURATION.matcher(text);
            if (!match.matches()) {
                throw new IllegalArgumentException("not a duration: " + value);
            }
            long amount = Long.parseLong(match.group(1));
            return switch (match.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
    }
}
