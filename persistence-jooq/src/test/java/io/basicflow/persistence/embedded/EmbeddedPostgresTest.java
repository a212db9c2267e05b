package io.basicflow.persistence.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresTest {

    @TempDir
    Path folder;

    @Test
    void runsDurably_fsyncAndSynchronousCommitOn() throws SQLException {
        try (EmbeddedPostgres server =
                EmbeddedPostgres.builder(folder.resolve("data")).start()) {
            DataSource postgres = server.dataSource("postgres");
            assertThat(show(postgres, "fsync")).isEqualTo("on");
            assertThat(show(postgres, "synchronous_commit")).isEqualTo("on");
            assertThat(show(postgres, "full_page_writes")).isEqualTo("on");
            assertThat(show(postgres, "server_version")).startsWith("17.");
        }
    }

    @Test
    void restartOnTheSameFolderKeepsTheData() throws SQLException {
        Path data = folder.resolve("data");
        try (EmbeddedPostgres server = EmbeddedPostgres.builder(data).start()) {
            server.createDatabaseIfMissing("kept");
            execute(server.dataSource("kept"), "create table notes (note text)");
            execute(server.dataSource("kept"), "insert into notes values ('written before the restart')");
        }
        assertThat(data.resolve("postmaster.pid")).doesNotExist();

        try (EmbeddedPostgres server = EmbeddedPostgres.builder(data).start()) {
            assertThat(server.createDatabaseIfMissing("kept")).isFalse();
            assertThat(queryText(server.dataSource("kept"), "select note from notes"))
                    .containsExactly("written before the restart");
        }
    }

    @Test
    void listensOnTheConfiguredPort() throws IOException, SQLException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        try (EmbeddedPostgres server =
                EmbeddedPostgres.builder(folder.resolve("data")).port(port).start()) {
            assertThat(server.port()).isEqualTo(port);
            assertThat(server.jdbcUrl("postgres")).isEqualTo("jdbc:postgresql://localhost:" + port + "/postgres");
            assertThat(show(server.dataSource("postgres"), "port")).isEqualTo(Integer.toString(port));
        }
    }

    @Test
    void aPortThatAnotherProgramListensOnFailsTheStartAtOnce() throws IOException {
        Path data = folder.resolve("data");
        try (ServerSocket taken = new ServerSocket(0)) {
            assertThatThrownBy(() -> EmbeddedPostgres.builder(data)
                            .port(taken.getLocalPort())
                            .start())
                    .isInstanceOf(EmbeddedPostgresException.class)
                    .hasMessageStartingWith("The embedded PostgreSQL cannot listen on port " + taken.getLocalPort()
                            + " for the data folder " + data + ": ")
                    .hasMessageContaining("Another program uses that port");
        }
        // Nothing is left behind: the folder starts on a free port.
        try (EmbeddedPostgres server = EmbeddedPostgres.builder(data).start()) {
            assertThat(server.port()).isPositive();
        }
    }

    @Test
    void aSecondServerOnAFolderInUseIsRefused() {
        Path data = folder.resolve("data");
        try (EmbeddedPostgres server = EmbeddedPostgres.builder(data).start()) {
            assertThatThrownBy(() -> EmbeddedPostgres.builder(data).start())
                    .isInstanceOf(EmbeddedPostgresException.class)
                    .hasMessageContaining("already runs the embedded PostgreSQL in " + data);
            assertThat(server.dataDirectory()).isEqualTo(data);
        }
    }

    @Test
    void aStalePidFileOfAProcessThatIsGoneIsRemoved() throws Exception {
        Path data = initialisedFolder();
        Process gone = new ProcessBuilder("true").start();
        assertThat(gone.waitFor(10, TimeUnit.SECONDS)).isTrue();
        writePidFile(data, gone.pid());

        try (EmbeddedPostgres server = EmbeddedPostgres.builder(data).start()) {
            assertThat(show(server.dataSource("postgres"), "fsync")).isEqualTo("on");
        }
    }

    @Test
    void aStalePidFileNamingAnotherProgramIsRemovedAndThatProgramIsLeftAlone() throws Exception {
        Path data = initialisedFolder();
        // After a reboot the pid in the file often belongs to some other program.
        Process unrelated = new ProcessBuilder("sleep", "60").start();
        try {
            writePidFile(data, unrelated.pid());

            try (EmbeddedPostgres server = EmbeddedPostgres.builder(data).start()) {
                assertThat(show(server.dataSource("postgres"), "fsync")).isEqualTo("on");
            }
            assertThat(unrelated.isAlive()).isTrue();
        } finally {
            unrelated.destroyForcibly();
        }
    }

    @Test
    void aFolderThatIsNeitherEmptyNorADataFolderIsRefused() throws IOException {
        Path data = Files.createDirectories(folder.resolve("data"));
        Files.writeString(data.resolve("notes.txt"), "not PostgreSQL");

        assertThatThrownBy(() -> EmbeddedPostgres.builder(data).start())
                .isInstanceOf(EmbeddedPostgresException.class)
                .hasMessageContaining(data.toString())
                .hasMessageContaining("not a PostgreSQL data folder")
                .hasMessageContaining("notes.txt");
        assertThat(data.resolve("notes.txt")).exists();
    }

    @Test
    void closingTwiceIsHarmless() throws SQLException {
        EmbeddedPostgres server =
                EmbeddedPostgres.builder(folder.resolve("data")).start();
        DataSource postgres = server.dataSource("postgres");
        server.close();
        server.close();
        assertThatThrownBy(postgres::getConnection).isInstanceOf(SQLException.class);
    }

    private Path initialisedFolder() {
        Path data = folder.resolve("data");
        EmbeddedPostgres.builder(data).start().close();
        return data;
    }

    /** A postmaster.pid as PostgreSQL writes it, naming another process. */
    private static void writePidFile(Path data, long pid) throws IOException {
        Files.writeString(
                data.resolve("postmaster.pid"),
                pid + "\n" + data + "\n1700000000\n5432\n/tmp\nlocalhost\n  5432001         0\nready   \n");
    }

    static String show(DataSource dataSource, String setting) throws SQLException {
        return queryText(dataSource, "show " + setting).getFirst();
    }

    static List<String> queryText(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
