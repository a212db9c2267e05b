package io.basicflow.persistence.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The {@code postmaster.pid} lock file that PostgreSQL keeps in its data folder while it runs: first
 * line the server's process id, fourth line its port.
 *
 * @param file the file
 * @param pid the process id it names
 * @param port the port it names, or 0 if the line is missing
 */
record PostmasterPidFile(Path file, long pid, int port) {

    static final String NAME = "postmaster.pid";

    /** Reads the file of a data folder; empty if there is none or it is unreadable (being written). */
    static Optional<PostmasterPidFile> read(Path dataDirectory) {
        Path file = dataDirectory.resolve(NAME);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty() || !lines.getFirst().trim().matches("\\d{1,10}")) {
            // An empty or torn file: the server died while writing it; nothing runs under its name.
            return Optional.of(new PostmasterPidFile(file, 0, 0));
        }
        long pid = Long.parseLong(lines.getFirst().trim());
        int port = lines.size() > 3 && lines.get(3).trim().matches("\\d{1,5}")
                ? Integer.parseInt(lines.get(3).trim())
                : 0;
        return Optional.of(new PostmasterPidFile(file, pid, port));
    }

    /** Deletes the file; used only once it is known that no server runs under it. */
    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new EmbeddedPostgresException(
                    "Cannot remove the stale " + file + ": " + e.getMessage() + ". Remove it by hand and start again.",
                    e);
        }
    }
}
