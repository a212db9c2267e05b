package io.basicflow.persistence.testing;

import io.basicflow.engine.durable.ReplayVerifier;
import io.basicflow.persistence.Database;
import io.basicflow.persistence.JooqEventStore;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After every test class, proves the replay property for EVERY execution in the class's database
 * ({@link ReplayVerifier}): folding each execution's events from the first gives exactly its stored
 * snapshot, the history is gap-free, payloads are stored exactly, final statuses agree, and each
 * message event has exactly one outbox row. A problem fails the class, listing every execution
 * concerned. Use it on every durable test class, beside {@link PostgresExtension}:
 *
 * <pre>{@code
 * @ExtendWith({PostgresExtension.class, ReplayVerification.class})
 * class MyDurableTest { ... }
 * }</pre>
 *
 * <p>It runs after the class's own {@code @AfterAll} methods, so close worker pools there.
 */
public final class ReplayVerification implements AfterAllCallback {

    private static final Logger log = LoggerFactory.getLogger(ReplayVerification.class);

    /** Used by JUnit. */
    public ReplayVerification() {}

    @Override
    public void afterAll(ExtensionContext context) {
        TestDatabase testDatabase = PostgresExtension.testDatabase(context);
        try (Database database = testDatabase.startDatabase()) {
            ReplayVerifier.Report report = new ReplayVerifier(new JooqEventStore(database)).verifyAll();
            log.info(
                    "Replay verified for {}: {} execution(s), {} event(s)",
                    context.getRequiredTestClass().getSimpleName(),
                    report.executions(),
                    report.events());
            if (!report.ok()) {
                throw new AssertionError(
                        "replay verification failed for " + report.problems().size()
                                + " problem(s) in " + report.executions() + " execution(s):\n"
                                + String.join("\n", report.problems()));
            }
        }
    }
}
