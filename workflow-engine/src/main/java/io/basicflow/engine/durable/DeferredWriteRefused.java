package io.basicflow.engine.durable;

/**
 * The database refused a write an activation had deferred ({@link DeferredWrites}): nothing of the
 * commit that carried it was written. The activation stops; the execution resumes from its last commit
 * and runs the steps up to the refused one without deferring them, so the refusal lands on its own step.
 */
final class DeferredWriteRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DeferredWriteRefused(String executionId, long sequence, String refusal) {
        super(
                "execution " + executionId + ": the database refused the write of step " + sequence
                        + ", deferred to a later commit (" + refusal + "); resuming from the last commit, writing each"
                        + " step up to it with its own commit",
                null,
                false,
                false);
    }
}
