package io.basicflow.persistence.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Checks on a data folder before the server is started on it. */
final class DataFolder {

    /** zonky's lock file, held by the JVM that runs a server on the folder. */
    static final String LOCK_FILE = "epg-lock";

    private DataFolder() {}

    /**
     * A folder is usable if it is initialised (has {@code postgresql.conf}) or holds nothing that
     * {@code initdb} would refuse to overwrite.
     */
    static void checkUsable(Path dataDirectory) {
        if (Files.exists(dataDirectory.resolve("postgresql.conf"))) {
            return;
        }
        List<String> foreign;
        try (Stream<Path> entries = Files.list(dataDirectory)) {
            foreign = entries.map(entry -> entry.getFileName().toString())
                    .filter(name -> !name.equals(LOCK_FILE))
                    .sorted()
                    .limit(5)
                    .toList();
        } catch (IOException e) {
            throw new EmbeddedPostgresException(
                    "Cannot read the data folder " + dataDirectory + ": " + e.getMessage(), e);
        }
        if (!foreign.isEmpty()) {
            throw new EmbeddedPostgresException("The folder " + dataDirectory
                    + " is not a PostgreSQL data folder (no postgresql.conf) and is not empty (it holds " + foreign
                    + "). If a first start was interrupted, delete the folder; otherwise choose an empty folder.");
        }
    }
}
