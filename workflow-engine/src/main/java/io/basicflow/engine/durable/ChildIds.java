package io.basicflow.engine.durable;

/**
 * The id of a child execution: the parent's id, {@code ~}, and the sequence number of the parent's
 * {@code ChildStarted} event (e.g. {@code order-7~12}). {@code ~} never appears in an id a caller
 * gives ({@link io.basicflow.engine.api.ExecutionIds}), so a child's id never collides with a
 * started one, and it is safe in URLs.
 */
final class ChildIds {

    static final int MAX_LENGTH = 200;

    private ChildIds() {}

    static String of(String parentId, long seq) {
        return parentId + "~" + seq;
    }

    static int depth(String executionId) {
        int depth = 0;
        for (int i = 0; i < executionId.length(); i++) {
            if (executionId.charAt(i) == '~') {
                depth++;
            }
        }
        return depth;
    }
}
