package io.basicflow.app.cli;

import com.google.inject.Injector;
import io.basicflow.app.config.Configuration;
import io.basicflow.app.config.ConfigurationException;
import io.basicflow.app.config.Setting;
import io.basicflow.app.node.BasicflowNode;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** Shared pieces of the commands that open the database. */
final class NodeCommands {

    private NodeCommands() {}

    /** A node without workers: for commands that only read or send to executions. */
    static BasicflowNode apiNode(Configuration configuration) {
        Logging.quietUnlessConfigured("WARN");
        return apiNode(configuration, Assembly.full(configuration));
    }

    /** A node without workers on an injector the caller built (with the logging set up first). */
    static BasicflowNode apiNode(Configuration configuration, Injector injector) {
        return BasicflowNode.start(injector, false, Path.of(configuration.get(Setting.SCRIPTS_FOLDER)));
    }

    /**
     * Refuses a worker count below 1 for a command that runs executions: 0 makes an API-only node,
     * which only {@code basicflow serve} can be.
     *
     * @param configuration the command's configuration
     * @param command what needs workers, for the message
     * @throws ConfigurationException naming the setting and where it was set
     */
    static void requireWorkers(Configuration configuration, String command) {
        int workers = configuration.getInt(Setting.WORKERS);
        if (workers < 1) {
            throw new ConfigurationException(Setting.WORKERS.key() + " is " + workers + " (from "
                    + configuration.source(Setting.WORKERS.key()) + "), but " + command
                    + " runs executions and needs at least 1; only `basicflow serve` can be an API-only node (0)");
        }
    }

    /** Blocks until the process is asked to stop (SIGTERM, Ctrl-C); the shutdown hook closes the node. */
    static void awaitShutdown(AutoCloseable... resources) {
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopped.countDown();
            System.err.println("basicflow: stopping: running activations reach a commit or give their lease back");
            for (AutoCloseable resource : resources) {
                try {
                    resource.close();
                } catch (Exception e) {
                    System.err.println("basicflow: while stopping: " + e.getMessage());
                }
            }
            closed.countDown();
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try {
            stopped.await();
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
