package io.basicflow.app.http;

import java.util.Optional;

/**
 * What {@code GET /health} checks besides the HTTP server answering: the database. A server whose
 * database went away must say so (503) rather than answer UP while every other request fails.
 */
@FunctionalInterface
public interface HealthProbe {

    /**
     * Checks the database now, within a few seconds.
     *
     * @return empty when it answers; else what is wrong, for a person (e.g. the driver's reason)
     */
    Optional<String> databaseProblem();
}
