package io.basicflow.engine.api;

/**
 * A paging cursor that the engine did not hand out (e.g. {@code after=-1} on {@link
 * WorkflowEngine#list}): the caller must pass back the {@code next} value of the previous page.
 * Nothing was read.
 */
public final class InvalidCursorException extends EngineException {

    private static final long serialVersionUID = 1L;

    private final String cursor;

    /**
     * The failure.
     *
     * @param cursor the cursor as given
     */
    public InvalidCursorException(String cursor) {
        super("'" + shortened(cursor) + "' is not a cursor of this listing; pass the 'next' value of the previous"
                + " page, or leave it out for the first page");
        this.cursor = cursor;
    }

    private static String shortened(String cursor) {
        return cursor.length() <= 80 ? cursor : cursor.substring(0, 80) + "…";
    }

    /**
     * The cursor as given.
     *
     * @return the cursor
     */
    public String cursor() {
        return cursor;
    }
}
