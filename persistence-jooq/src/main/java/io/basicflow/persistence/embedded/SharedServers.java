package io.basicflow.persistence.embedded;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Whether an embedded server is in use by other processes. Several basicflow processes share one
 * embedded PostgreSQL (the first starts it, the others connect to it), so the one that started it
 * must not stop it while others work on it, and a process that finds it left running by a dead owner
 * must adopt it rather than stop it. "In use" is seen from the server itself: connections of other
 * basicflow processes, whose {@code application_name} is {@code basicflow/<their process id>} (a pool
 * keeps idle connections open for as long as its process lives).
 */
final class SharedServers {

    private SharedServers() {}

    /**
     * The port of a server of this folder that a dead owner left running and that other processes
     * still use; empty when there is none, or it is unused (then it may be stopped as a left-over).
     */
    static Optional<Integer> inUseLeftOver(Path dataDirectory) {
        Optional<PostmasterPidFile> found = PostmasterPidFile.read(dataDirectory);
        if (found.isEmpty() || found.get().port() <= 0 || found.get().pid() <= 0) {
            return Optional.empty();
        }
        PostmasterPidFile pidFile = found.get();
        boolean ours = ProcessHandle.of(pidFile.pid())
                .map(process ->
                        Postmasters.identify(process, dataDirectory) == Postmasters.Identity.SERVER_OF_THIS_FOLDER)
                .orElse(false);
        if (!ours || otherClients(pidFile.port()) <= 0) {
            return Optional.empty();
        }
        return Optional.of(pidFile.port());
    }

    /**
     * Connections of other basicflow processes to the server on this port; 0 when there are none or
     * the server does not answer (a server nobody can reach is used by nobody).
     */
    static int otherClients(int port) {
        return clients(port, false);
    }

    /** Connections of this process to the server on this port; 0 when none or it does not answer. */
    static int ownClients(int port) {
        return clients(port, true);
    }

    private static int clients(int port, boolean own) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {"localhost"});
        dataSource.setPortNumbers(new int[] {port});
        dataSource.setDatabaseName("postgres");
        dataSource.setUser(EmbeddedPostgres.SUPERUSER);
        dataSource.setApplicationName("basicflow-embedded-admin");
        dataSource.setConnectTimeout(5);
        dataSource.setSocketTimeout(10);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("select count(*) from pg_stat_activity"
                        + " where backend_type = 'client backend' and application_name like 'basicflow/%'"
                        + " and application_name " + (own ? "=" : "<>") + " ?")) {
            statement.setString(1, EmbeddedPostgres.applicationName());
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        } catch (SQLException e) {
            return 0;
        }
    }
}
