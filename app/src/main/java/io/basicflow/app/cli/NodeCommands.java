package io.basicflow.app.cli;

import com.google.inject.Injector;
import io.basicflow.app.config.Configuration;
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
        Injector injector = Assembly.full(configuration);
        return BasicflowNode.start(injector, false, Path.of(configuration.get(Setting.SCRIPTS_FOLDER)));
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
