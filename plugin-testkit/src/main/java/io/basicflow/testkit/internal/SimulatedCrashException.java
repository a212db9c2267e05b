package io.basicflow.testkit.internal;

/**
 * What every store call of an engine that the kit "killed" fails with: the engine's process is
 * gone, nothing it does reaches the database any more.
 */
public final class SimulatedCrashException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SimulatedCrashException() {
        super("simulated crash: this engine is dead; a new engine resumes from the last commit", null, false, false);
    }
}
