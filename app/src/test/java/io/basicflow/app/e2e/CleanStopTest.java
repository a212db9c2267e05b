package io.basicflow.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A normal stop (SIGTERM) of {@code basicflow serve} with a conversation parked in it logs no
 * warning: the workers, the notification listener, the pool and then the embedded PostgreSQL stop in
 * that order (no shutdown hook stops the database under the workers), and the database is stopped.
 */
class CleanStopTest {

    @TempDir
    Path folder;

    @Test
    void sigtermStopsEverythingInOrderWithoutAWarning() throws Exception {
        Path scripts = Files.createDirectories(folder.resolve("scripts"));
        Files.writeString(scripts.resolve("ask.bas"), "#workflow\nTALK \"Name?\"\nHEAR name\n");
        Path data = folder.resolve("pg");
        try (BasicflowProcess server =
                BasicflowProcess.start(folder, data, "serve", "--port", "0", "-Dbasicflow.scripts.folder=" + scripts)) {
            server.awaitLine(line -> line.contains("basicflow: serving "), Duration.ofSeconds(90));
            long postmaster = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid"))
                    .getFirst()
                    .strip());

            server.stop();
            int status = server.awaitExit(Duration.ofSeconds(60));

            List<String> warnings = Arrays.stream((server.stdout() + "\n" + server.stderr()).split("\n"))
                    .filter(line -> line.contains(" WARN ") || line.contains("[WARN") || line.contains("ERROR"))
                    .toList();
            assertThat(warnings).as("log of a clean stop").isEmpty();
            assertThat(status).isIn(0, 143);
            assertThat(running(postmaster))
                    .as("the embedded PostgreSQL was stopped; stderr:%n%s", server.stderr())
                    .isFalse();
        }
    }

    /** Alive and not a zombie (a container's init may not reap an exited server at once). */
    private static boolean running(long pid) throws java.io.IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && Files.exists(stat)) {
            String text = Files.readString(stat);
            int endOfName = text.lastIndexOf(')');
            return endOfName < 0 || text.charAt(endOfName + 2) != 'Z';
        }
        return false;
    }
}
