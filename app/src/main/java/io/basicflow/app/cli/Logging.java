package io.basicflow.app.cli;

import org.slf4j.bridge.SLF4JBridgeHandler;

/** Logging set-up of the command line: everything reaches SLF4J (logback), on stderr. */
final class Logging {

    private Logging() {}

    /**
     * Sets the log level for commands that talk on the terminal, unless the user chose one, and
     * routes java.util.logging to SLF4J.
     *
     * @param level the level to use when none is configured, e.g. {@code WARN}
     */
    static void quietUnlessConfigured(String level) {
        if (System.getProperty("basicflow.log.level") == null && System.getenv("BASICFLOW_LOG_LEVEL") == null) {
            System.setProperty("basicflow.log.level", level);
        }
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }
}
