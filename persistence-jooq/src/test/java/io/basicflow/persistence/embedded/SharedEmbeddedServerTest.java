package io.basicflow.persistence.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.persistence.Database;
import io.basicflow.persistence.DatabaseConfig;
import io.basicflow.persistence.testing.ChildJvm;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several processes share one embedded PostgreSQL: the one that started it and the ones that found it
 * running. A server another live process uses is never stopped — not by its owner's clean stop, not
 * by a restarted owner that finds it left running after a {@code kill -9}. Real child JVMs.
 */
class SharedEmbeddedServerTest {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path folder;

    private static int readyPort(ChildJvm child) {
        String ready = child.awaitLine(line -> line.startsWith("READY "), READY_TIMEOUT);
        return Integer.parseInt(ready.substring("READY ".length()).trim());
    }

    private static void createBasicflowDatabase(int port) throws SQLException {
        try (Connection admin = DriverManager.getConnection(
                        "jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("create database basicflow");
        }
    }

    private static int selectOne(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select 1")) {
            row.next();
            return row.getInt(1);
        }
    }

    @Test
    void aRestartedOwnerAdoptsTheServerASurvivorStillUsesInsteadOfStoppingIt() throws Exception {
        Path data = folder.resolve("shared");
        int port;
        long postmaster;
        try (ChildJvm owner = ChildJvm.start(EmbeddedPostgresChild.class, data.toString(), "first owner")) {
            port = readyPort(owner);
            createBasicflowDatabase(port);
            try (Database survivor = new Database(DatabaseConfig.embedded(data)).start()) {
                assertThat(survivor.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:" + port + "/basicflow");
                postmaster = PostmasterPidFile.read(data).orElseThrow().pid();

                owner.killHard();

                try (ChildJvm restarted =
                        ChildJvm.start(EmbeddedPostgresChild.class, data.toString(), "second owner")) {
                    assertThat(readyPort(restarted))
                            .as("the restarted owner's port")
                            .isEqualTo(port);
                    assertThat(PostmasterPidFile.read(data).orElseThrow().pid())
                            .as("the server was adopted, not stopped and started again")
                            .isEqualTo(postmaster);
                    assertThat(selectOne(survivor.dataSource()))
                            .as("the survivor still works on its pool")
                            .isOne();
                    restarted.killHard();
                }
            }
        }
        // Nobody uses it now: the next start treats it as a left-over, as before.
        try (EmbeddedPostgres server = EmbeddedPostgres.builder(data).start()) {
            assertThat(server.adopted()).isFalse();
            assertThat(PostmasterPidFile.read(data).orElseThrow().pid()).isNotEqualTo(postmaster);
        }
    }

    @Test
    void aCleanStopOfTheOwnerLeavesTheServerRunningForAProcessThatStillUsesIt() throws Exception {
        Path data = folder.resolve("clean");
        EmbeddedPostgres owner = EmbeddedPostgres.builder(data).start();
        owner.createDatabaseIfMissing(DatabaseConfig.EMBEDDED_DATABASE);
        int port = owner.port();
        long postmaster = PostmasterPidFile.read(data).orElseThrow().pid();
        try (ChildJvm user = ChildJvm.start(SharingChild.class, data.toString())) {
            user.awaitLine(line -> line.startsWith("SHARING "), READY_TIMEOUT);

            owner.close();

            assertThat(ProcessHandle.of(postmaster).filter(Postmasters::isRunning))
                    .as("the server another process uses keeps running")
                    .isPresent();
            assertThat(SharedServers.otherClients(port)).isPositive();
            try (EmbeddedPostgres adopter = EmbeddedPostgres.builder(data).start()) {
                assertThat(adopter.adopted()).isTrue();
                assertThat(adopter.port()).isEqualTo(port);
                user.killHard();
                awaitNoOtherClients(port);
            }
            // The adopter was the last user: its close stopped the server.
            assertThat(ProcessHandle.of(postmaster)
                            .map(process -> Postmasters.awaitExit(process, Duration.ofSeconds(30)))
                            .orElse(true))
                    .isTrue();
        }
    }

    private static void awaitNoOtherClients(int port) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (SharedServers.otherClients(port) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(SharedServers.otherClients(port))
                .as("connections of the killed process")
                .isZero();
    }
}
