package io.basicflow.persistence;

import static java.util.Objects.requireNonNull;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@code NOTIFY basicflow_work} on behalf of many writers, at most one every 20 milliseconds,
 * in a transaction of its own after theirs committed. A notification inside each writer's
 * transaction would serialize their commits (PostgreSQL holds a global lock from a notifying
 * transaction's pre-commit until its commit is durable), and one per write would wake every listener
 * once per write. Notifications are hints: a lost one is made up by the workers' polling.
 */
final class WorkNotifier implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkNotifier.class);
    private static final long GAP_NANOS = Duration.ofMillis(20).toNanos();

    private final Database database;
    private final Thread thread;
    private volatile boolean requested;
    private volatile boolean closed;

    WorkNotifier(Database database) {
        this.database = requireNonNull(database, "database is null");
        this.thread =
                Thread.ofPlatform().name("basicflow-notifier").daemon(true).start(this::run);
    }

    /** Asks for a notification soon (after the caller's transaction committed). */
    void request() {
        requested = true;
        LockSupport.unpark(thread);
    }

    private void run() {
        while (!closed) {
            if (!requested) {
                LockSupport.parkNanos(this, Duration.ofSeconds(1).toNanos());
                continue;
            }
            requested = false;
            try {
                // Plain JDBC: one constant statement, no SQL rendered per notification.
                database.dsl().connection(connection -> {
                    try (PreparedStatement statement = connection.prepareStatement("select pg_notify(?, '')")) {
                        statement.setString(1, WorkListener.CHANNEL);
                        statement.execute();
                    }
                });
            } catch (RuntimeException e) {
                log.debug(
                        "A work notification was not sent ({}); the workers' polling makes up for it", e.getMessage());
            }
            LockSupport.parkNanos(this, GAP_NANOS);
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
