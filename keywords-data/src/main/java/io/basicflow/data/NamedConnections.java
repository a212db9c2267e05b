package io.basicflow.data;

import io.basicflow.spi.KeywordException;
import io.basicflow.spi.PluginConfiguration;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The named database connections of {@code FIND "table" ON "name"} (General Bots' {@code conn-name-…}
 * entries of config.csv), configured per name: {@code basicflow.data.connection.<name>.url} (a JDBC
 * URL; PostgreSQL's driver is the one shipped), {@code .user}, {@code .password} and {@code .schema}
 * (default {@code public}). Each {@code FIND … ON} opens it, reads in a read-only transaction and closes
 * it; its rows are recorded in the step's event like every read, so a resumed run never reads again.
 * Writes ({@code INSERT INTO … ON}, {@code UPDATE … ON}, {@code DELETE FROM … ON}, {@code SAVE … ON})
 * commit there with a ledger row ({@link NamedWrites}).
 */
final class NamedConnections {

    private static final String PREFIX = "connection.";

    private NamedConnections() {}

    /** A configured connection: where and which schema its tables are in. */
    record Named(String name, String url, String user, String password, String schema) {
        Connection open() throws SQLException {
            Connection connection = DriverManager.getConnection(url, user, password);
            connection.setReadOnly(true);
            return connection;
        }

        /** A connection for writes ({@link NamedWrites}), in a transaction the caller commits. */
        Connection openForWrites() throws SQLException {
            Connection connection = DriverManager.getConnection(url, user, password);
            connection.setAutoCommit(false);
            return connection;
        }
    }

    /**
     * The connection named by a script.
     *
     * @param configuration the data plugin's configuration
     * @param raw the name the script gave
     * @return the connection
     * @throws KeywordException when the name is not a plain word or no such connection is configured
     */
    static Named named(PluginConfiguration configuration, String raw) throws KeywordException {
        String name = raw == null ? "" : raw.strip().toLowerCase(java.util.Locale.ROOT);
        if (!name.matches("[a-z_][a-z0-9_-]{0,62}")) {
            throw KeywordException.permanent(
                    "ON \"" + raw + "\": a connection name is one word of letters, digits, _" + " and -");
        }
        Optional<String> url = configuration.get(PREFIX + name + ".url");
        if (url.isEmpty()) {
            TreeSet<String> known = new TreeSet<>();
            for (String key : configuration.values().keySet()) {
                if (key.startsWith(PREFIX) && key.endsWith(".url")) {
                    known.add(key.substring(PREFIX.length(), key.length() - ".url".length()));
                }
            }
            throw KeywordException.permanent("ON \"" + raw + "\": no database connection named " + name
                    + " is configured (set basicflow.data." + PREFIX + name + ".url, .user, .password"
                    + (known.isEmpty() ? "" : "; configured: " + String.join(", ", known)) + ")");
        }
        String schema = configuration.get(PREFIX + name + ".schema", "public");
        if (!schema.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            throw KeywordException.permanent(
                    "basicflow.data." + PREFIX + name + ".schema '" + schema + "' is not a plain schema name");
        }
        return new Named(
                name,
                url.get(),
                configuration.get(PREFIX + name + ".user", ""),
                configuration.get(PREFIX + name + ".password", ""),
                schema.toLowerCase(java.util.Locale.ROOT));
    }
}
