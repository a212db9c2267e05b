package io.basicflow.persistence.embedded;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * The child JVM of the crash tests: starts the embedded server on a folder, commits one row, prints
 * {@code READY <port>} and waits to be killed.
 */
public final class EmbeddedPostgresChild {

    private EmbeddedPostgresChild() {}

    /**
     * Runs the child.
     *
     * @param args the data folder and the text of the row to commit
     * @throws Exception on any failure, which the parent sees in the output
     */
    public static void main(String[] args) throws Exception {
        EmbeddedPostgres server = EmbeddedPostgres.builder(Path.of(args[0])).start();
        try (Connection connection = server.dataSource("postgres").getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("create table if not exists crash_marks (mark text primary key)");
            }
            try (PreparedStatement insert = connection.prepareStatement("insert into crash_marks values (?)")) {
                insert.setString(1, args[1]);
                insert.executeUpdate();
            }
        }
        System.out.println("READY " + server.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
