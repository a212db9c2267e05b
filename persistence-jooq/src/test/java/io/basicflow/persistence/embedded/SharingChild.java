package io.basicflow.persistence.embedded;

import io.basicflow.persistence.Database;
import io.basicflow.persistence.DatabaseConfig;
import java.nio.file.Path;

/**
 * A child JVM that uses the embedded server another process runs on a folder (as a command or a
 * second {@code serve} does), prints {@code SHARING <jdbc url>} and waits to be killed.
 */
public final class SharingChild {

    private SharingChild() {}

    /**
     * Runs the child.
     *
     * @param args the data folder
     * @throws Exception on any failure, which the parent sees in the output
     */
    public static void main(String[] args) throws Exception {
        Database database = new Database(DatabaseConfig.embedded(Path.of(args[0]))).start();
        System.out.println("SHARING " + database.jdbcUrl());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
