package io.basicflow.persistence;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code LISTEN basicflow_work} on a connection of its own, outside the pool, on a daemon thread. A
 * lost connection (a server restart, {@code pg_terminate_backend}) is re-opened with backoff; after
 * every (re)connection {@code onWork} runs once, since notifications sent meanwhile are lost.
 */
final class WorkListener implements AutoCloseable {

    static final String CHANNEL = "basicflow_work";

    private static final Logger log = LoggerFactory.getLogger(WorkListener.class);
    private static final int POLL_MILLIS = 500;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final Database database;
    private final Runnable onWork;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection connection;

    WorkListener(Database database, Runnable onWork) {
        this.database = requireNonNull(database, "database is null");
        this.onWork = requireNonNull(onWork, "onWork is null");
        this.thread =
                Thread.ofPlatform().name("basicflow-listener").daemon(true).unstarted(this::listen);
    }

    WorkListener start() {
        thread.start();
        return this;
    }

    private void listen() {
        int failures = 0;
        while (!closed) {
            try (Connection opened = database.openDedicatedConnection()) {
                connection = opened;
                try (Statement statement = opened.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                if (failures > 0) {
                    log.info("Listening for work notifications again");
                }
                failures = 0;
                onWork.run();
                PGConnection notifications = opened.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] received = notifications.getNotifications(POLL_MILLIS);
                    if (received != null && received.length > 0) {
                        onWork.run();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                failures++;
                if (failures == 1) {
                    log.warn("Work notifications lost their connection ({}); reconnecting", e.getMessage());
                }
                sleep(backoff(failures));
            } finally {
                connection = null;
            }
        }
    }

    private static Duration backoff(int failures) {
        long millis = 100L << Math.min(failures, 6);
        return millis >= MAX_BACKOFF.toMillis() ? MAX_BACKOFF : Duration.ofMillis(millis);
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        Connection current = connection;
        if (current != null) {
            try {
                current.close();
            } catch (SQLException e) {
                log.debug("Closing the listener's connection: {}", e.getMessage());
            }
        }
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
