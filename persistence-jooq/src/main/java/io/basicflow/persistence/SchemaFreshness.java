package io.basicflow.persistence;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the schema already has exactly the migrations on the class path, checked with one query
 * instead of Flyway: the versioned SQL migrations under {@code db/migration} (every jar and folder of
 * the class path) and their checksums, computed the way Flyway does (CRC32 over the UTF-8 lines
 * without their line breaks, a leading byte-order mark dropped), must equal the successful rows of
 * {@code flyway_schema_history}, with no failed row. Then starting a database (a second process on a
 * shared embedded server, a query command, an application restarted) skips Flyway — its class
 * loading, scanning and validation take most of a second. In every other case (a new or changed
 * migration, a failed one, a history Flyway wrote differently, a class path that cannot be listed)
 * the answer is "no" and Flyway runs as before, with its own checks and errors.
 */
final class SchemaFreshness {

    private static final Logger log = LoggerFactory.getLogger(SchemaFreshness.class);

    /** Flyway's default file names of versioned SQL migrations: {@code V<version>__<description>.sql}. */
    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9._]*)__[^/]*\\.sql");

    private static final String FOLDER = "db/migration";

    private SchemaFreshness() {}

    /**
     * Whether Flyway would have nothing to do.
     *
     * @param pool the database
     * @param loader where the migrations are
     * @return true only when every migration on the class path is applied with the same checksum and
     *     the history has nothing else
     */
    static boolean upToDate(DataSource pool, ClassLoader loader) {
        Optional<Map<String, Integer>> onClassPath = migrations(loader);
        if (onClassPath.isEmpty() || onClassPath.get().isEmpty()) {
            return false;
        }
        try (Connection connection = pool.getConnection()) {
            return upToDate(connection, onClassPath.get());
        } catch (SQLException e) {
            // no connection: Flyway decides (and reports it)
            log.debug("checking the schema history failed; Flyway runs", e);
            return false;
        }
    }

    /**
     * {@link #upToDate(DataSource, ClassLoader)} on a connection the caller keeps open.
     *
     * @param connection an open connection to the database
     * @param loader where the migrations are
     * @return true only when every migration on the class path is applied with the same checksum and
     *     the history has nothing else
     */
    static boolean upToDate(Connection connection, ClassLoader loader) {
        Optional<Map<String, Integer>> onClassPath = migrations(loader);
        return onClassPath.isPresent() && !onClassPath.get().isEmpty() && upToDate(connection, onClassPath.get());
    }

    private static boolean upToDate(Connection connection, Map<String, Integer> onClassPath) {
        Map<String, Integer> applied = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select version, checksum, success, type from"
                        + " flyway_schema_history where version is not null or type <> 'SCHEMA'")) {
            while (rows.next()) {
                Object checksum = rows.getObject(2);
                if (!rows.getBoolean(3) || !"SQL".equals(rows.getString(4)) || checksum == null) {
                    return false;
                }
                if (applied.put(rows.getString(1), ((Number) checksum).intValue()) != null) {
                    return false;
                }
            }
        } catch (SQLException e) {
            // no history table yet (a new database), or another reason: Flyway decides
            log.debug("checking the schema history failed; Flyway runs", e);
            return false;
        }
        return applied.equals(onClassPath);
    }

    /**
     * The versioned migrations on the class path, by version, with Flyway's checksum.
     *
     * @return empty when a location cannot be listed (then Flyway decides)
     */
    static Optional<Map<String, Integer>> migrations(ClassLoader loader) {
        Map<String, Integer> found = new HashMap<>();
        try {
            Enumeration<URL> locations = loader.getResources(FOLDER);
            while (locations.hasMoreElements()) {
                URL location = locations.nextElement();
                if (!list(location, found)) {
                    return Optional.empty();
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            log.debug("listing the migrations failed; Flyway runs", e);
            return Optional.empty();
        }
        return Optional.of(found);
    }

    private static boolean list(URL location, Map<String, Integer> found) throws IOException, URISyntaxException {
        switch (location.getProtocol()) {
            case "file" -> {
                Path folder = Path.of(location.toURI());
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        if (!add(file.getFileName().toString(), Files.newInputStream(file), found)) {
                            return false;
                        }
                    }
                }
                return true;
            }
            case "jar" -> {
                URLConnection connection = location.openConnection();
                if (!(connection instanceof JarURLConnection jar)) {
                    return false;
                }
                jar.setUseCaches(false);
                try (JarFile file = jar.getJarFile()) {
                    String prefix = FOLDER + "/";
                    Enumeration<JarEntry> entries = file.entries();
                    while (entries.hasMoreElements()) {
                        JarEntry entry = entries.nextElement();
                        String name = entry.getName();
                        if (entry.isDirectory()
                                || !name.startsWith(prefix)
                                || name.indexOf('/', prefix.length()) >= 0) {
                            continue;
                        }
                        if (!add(name.substring(prefix.length()), file.getInputStream(entry), found)) {
                            return false;
                        }
                    }
                }
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** Adds one file; false for a file Flyway would read but this check does not understand. */
    private static boolean add(String fileName, InputStream content, Map<String, Integer> found) throws IOException {
        try (InputStream in = content) {
            Matcher versioned = VERSIONED.matcher(fileName);
            if (!versioned.matches()) {
                // a repeatable (R__) or callback script, or another migration kind: leave it to Flyway
                return !fileName.endsWith(".sql");
            }
            String version = versioned.group(1).replace('_', '.');
            return found.putIfAbsent(version, checksum(in)) == null;
        }
    }

    /** Flyway's checksum of a SQL migration: CRC32 of each line's UTF-8 bytes, without line breaks. */
    static int checksum(InputStream content) throws IOException {
        CRC32 crc = new CRC32();
        BufferedReader reader = new BufferedReader(new InputStreamReader(content, StandardCharsets.UTF_8), 4096);
        String line = reader.readLine();
        if (line != null) {
            if (!line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1);
            }
            do {
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            } while ((line = reader.readLine()) != null);
        }
        return (int) crc.getValue();
    }
}
