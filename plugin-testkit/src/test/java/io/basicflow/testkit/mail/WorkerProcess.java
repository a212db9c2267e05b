package io.basicflow.testkit.mail;

import io.basicflow.persistence.WorkerMain;

/**
 * The durable worker process of the crash tests: sets its {@code key=value} arguments as system
 * properties (the database, the mail plugin's settings), then runs {@link WorkerMain}.
 */
public final class WorkerProcess {

    private WorkerProcess() {}

    /**
     * Runs a worker.
     *
     * @param args {@code key=value} settings
     * @throws Exception when the worker cannot start
     */
    public static void main(String[] args) throws Exception {
        for (String arg : args) {
            int equals = arg.indexOf('=');
            System.setProperty(arg.substring(0, equals), arg.substring(equals + 1));
        }
        WorkerMain.main(new String[0]);
    }
}
