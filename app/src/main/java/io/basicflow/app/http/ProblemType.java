package io.basicflow.app.http;

/**
 * The kinds of problem the API answers with, each an RFC 9457 problem type. The type URI is {@code
 * urn:basicflow:problem:<slug>}; the OpenAPI description lists them all.
 */
enum ProblemType {
    INVALID_JSON(400, "invalid-json", "The request body is not valid JSON"),
    INVALID_REQUEST(400, "invalid-request", "The request is not valid"),
    INVALID_EXECUTION_ID(400, "invalid-execution-id", "The execution id is not valid"),
    INVALID_SCRIPT_NAME(400, "invalid-script-name", "The script name is refused"),
    UNAUTHORIZED(401, "unauthorized", "A valid API token is required"),
    NOT_FOUND(404, "not-found", "There is no such resource"),
    EXECUTION_NOT_FOUND(404, "execution-not-found", "There is no such execution"),
    SCRIPT_NOT_FOUND(404, "script-not-found", "There is no such script"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "The resource does not support this method"),
    EXECUTION_CONFLICT(409, "execution-conflict", "The execution id is taken by another script"),
    EXECUTION_STATE(409, "execution-state", "The execution's status does not allow this"),
    BODY_TOO_LARGE(413, "body-too-large", "The request body is too large"),
    INPUT_TOO_LARGE(413, "input-too-large", "The input is too large"),
    URI_TOO_LONG(414, "uri-too-long", "The request URI is too long"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "The request body's media type is not supported"),
    HEADERS_TOO_LARGE(431, "headers-too-large", "The request headers are too large"),
    SCRIPT_DOES_NOT_COMPILE(422, "script-does-not-compile", "The script does not compile"),
    NOT_A_WORKFLOW(422, "not-a-workflow", "The script is not a #workflow script"),
    SCRIPT_TOO_LARGE(422, "script-too-large", "The script is too large"),
    INTERNAL_ERROR(500, "internal-error", "The server failed to answer"),
    DATABASE_UNAVAILABLE(503, "database-unavailable", "The database does not answer"),
    SCRIPTS_UNAVAILABLE(503, "scripts-unavailable", "The scripts folder cannot be read"),
    LINK_REFUSED(403, "link-refused", "The download link is forged, altered or expired");

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    /** The HTTP status. */
    int status() {
        return status;
    }

    /** The type URI. */
    String uri() {
        return "urn:basicflow:problem:" + slug;
    }

    /** The short, fixed summary. */
    String title() {
        return title;
    }
}
