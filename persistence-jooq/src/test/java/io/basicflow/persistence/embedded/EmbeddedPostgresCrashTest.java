package io.basicflow.persistence.embedded;

import static io.basicflow.persistence.embedded.EmbeddedPostgresTest.queryText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.persistence.testing.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app is killed with kill -9 and restarted on the same folder: real child JVMs. */
class EmbeddedPostgresCrashTest {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path folder;

    @Test
    void aServerLeftRunningByAKilledJvmIsStoppedAndTheFolderReused() throws Exception {
        Path data = folder.resolve("data");
        long orphanPid;
        try (ChildJvm child = ChildJvm.start(EmbeddedPostgresChild.class, data.toString(), "before the crash")) {
            child.awaitLine(line -> line.startsWith("READY "), READY_TIMEOUT);
            child.killHard();
            // kill -9 runs no shutdown hook: the server outlives the JVM that started it.
            orphanPid = PostmasterPidFile.read(data).orElseThrow().pid();
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).contains(true);
        }

        try (EmbeddedPostgres server = EmbeddedPostgres.builder(data).start()) {
            assertThat(queryText(server.dataSource("postgres"), "select mark from crash_marks"))
                    .containsExactly("before the crash");
            assertThat(ProcessHandle.of(orphanPid).filter(Postmasters::isRunning))
                    .isEmpty();
            assertThat(PostmasterPidFile.read(data).orElseThrow().pid()).isNotEqualTo(orphanPid);
        }
    }

    @Test
    void aJvmKilledTogetherWithItsServerLeavesAStalePidFileThatIsRecoveredFrom() throws Exception {
        Path data = folder.resolve("data");
        try (ChildJvm child = ChildJvm.start(EmbeddedPostgresChild.class, data.toString(), "committed")) {
            child.awaitLine(line -> line.startsWith("READY "), READY_TIMEOUT);
            // Like a container that is killed: the JVM and every server process die at once.
            ProcessHandle server = ProcessHandle.of(
                            PostmasterPidFile.read(data).orElseThrow().pid())
                    .orElseThrow();
            List<ProcessHandle> serverProcesses = server.descendants().toList();
            child.killHard();
            server.destroyForcibly();
            serverProcesses.forEach(ProcessHandle::destroyForcibly);
            assertThat(Postmasters.awaitExit(server, Duration.ofSeconds(30))).isTrue();
            serverProcesses.forEach(process -> Postmasters.awaitExit(process, Duration.ofSeconds(30)));
        }
        assertThat(data.resolve(PostmasterPidFile.NAME)).exists();

        try (EmbeddedPostgres server = EmbeddedPostgres.builder(data).start()) {
            assertThat(queryText(server.dataSource("postgres"), "select mark from crash_marks"))
                    .containsExactly("committed");
        }
    }

    @Test
    void aFolderWhoseServerBelongsToALiveJvmIsRefusedAndLeftRunning() throws Exception {
        Path data = folder.resolve("data");
        try (ChildJvm child = ChildJvm.start(EmbeddedPostgresChild.class, data.toString(), "owned by the child")) {
            child.awaitLine(line -> line.startsWith("READY "), READY_TIMEOUT);
            long childServer = PostmasterPidFile.read(data).orElseThrow().pid();

            assertThatThrownBy(() -> EmbeddedPostgres.builder(data).start())
                    .isInstanceOf(EmbeddedPostgresException.class)
                    .hasMessage("The data folder " + data + " is in use by another running process (process "
                            + child.pid() + "). Stop that process, or choose another data folder.");
            assertThat(ProcessHandle.of(childServer).filter(Postmasters::isRunning))
                    .isPresent();
            child.killHard();
        }
        // The child's server is now a left-over: the next start cleans it up.
        try (EmbeddedPostgres server = EmbeddedPostgres.builder(data).start()) {
            assertThat(queryText(server.dataSource("postgres"), "select mark from crash_marks"))
                    .containsExactly("owned by the child");
        }
    }

    @Test
    void aDatabaseOnAFolderWhoseServerAnotherLiveJvmRunsSharesThatServer() throws Exception {
        Path data = folder.resolve("shared");
        try (ChildJvm child = ChildJvm.start(EmbeddedPostgresChild.class, data.toString(), "served by the child")) {
            String ready = child.awaitLine(line -> line.startsWith("READY "), READY_TIMEOUT);
            int port = Integer.parseInt(ready.substring("READY ".length()).trim());

            assertThat(EmbeddedPostgres.runningElsewhere(data, "basicflow"))
                    .contains("jdbc:postgresql://localhost:" + port + "/basicflow");
            // The child's server has no basicflow database yet; create it the way the owner would.
            try (java.sql.Connection admin = java.sql.DriverManager.getConnection(
                            "jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "");
                    java.sql.Statement statement = admin.createStatement()) {
                statement.execute("create database basicflow");
            }
            try (io.basicflow.persistence.Database shared = new io.basicflow.persistence.Database(
                            io.basicflow.persistence.DatabaseConfig.embedded(data))
                    .start()) {
                assertThat(shared.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:" + port + "/basicflow");
                try (java.sql.Connection connection = shared.dataSource().getConnection();
                        java.sql.Statement statement = connection.createStatement();
                        java.sql.ResultSet rows = statement.executeQuery(
                                "select count(*) from information_schema.tables where table_name = 'workflow_events'")) {
                    rows.next();
                    assertThat(rows.getInt(1))
                            .as("the shared server was migrated")
                            .isOne();
                }
            }
            // Closing the sharing Database left the owner's server running.
            assertThat(child.isAlive()).isTrue();
            assertThat(EmbeddedPostgres.runningElsewhere(data, "basicflow")).isPresent();
            child.killHard();
        }
        assertThat(EmbeddedPostgres.runningElsewhere(data, "basicflow")).isEmpty();
        stopLeftOverServer(data);
    }

    /** The killed child could not stop its server: stop it, so that the test's folder can be removed. */
    private static void stopLeftOverServer(Path data) throws Exception {
        Path pidFile = data.resolve("postmaster.pid");
        if (!java.nio.file.Files.exists(pidFile)) {
            return;
        }
        long pid = Long.parseLong(
                java.nio.file.Files.readAllLines(pidFile).getFirst().trim());
        java.util.Optional<ProcessHandle> server = ProcessHandle.of(pid);
        if (server.isPresent()) {
            server.get().destroy(); // SIGTERM: PostgreSQL's smart shutdown
            server.get().onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
