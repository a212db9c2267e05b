package io.basicflow.app.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own refusals as RFC 9457 problems, like every other answer of the API: a request Jetty
 * rejects before any route sees it (a path with {@code %FF}, {@code %00} or {@code ..} segments, a
 * control character in a header, a 20,000-character path, headers too large) gets {@code
 * application/problem+json}, not Jetty's HTML page. Jetty's reason is kept in {@code detail}; no
 * stack trace is shown.
 */
final class ProblemErrorHandler extends ErrorHandler {

    /** Every method's refusal gets its problem (Jetty's default: only GET, POST and HEAD get a body). */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        byte[] body = body(code, message, request.getHttpURI().getPath());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Responses.PROBLEM_JSON);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Refusals of a request that could not even be parsed (there is no request object). */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Responses.PROBLEM_JSON);
        return ByteBuffer.wrap(body(status, reason, null));
    }

    static byte[] body(int status, String reason, String path) {
        ProblemType type = typeOf(status);
        ObjectNode problem = Json.object()
                .put("type", type.uri())
                .put("title", type.title())
                .put("status", status)
                .put("detail", detail(status, reason));
        problem.put("instance", path == null || path.isEmpty() ? "/" : shortened(path));
        return Json.write(problem).getBytes(StandardCharsets.UTF_8);
    }

    private static ProblemType typeOf(int status) {
        return switch (status) {
            case 404 -> ProblemType.NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 413 -> ProblemType.BODY_TOO_LARGE;
            case 414 -> ProblemType.URI_TOO_LONG;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            case 431 -> ProblemType.HEADERS_TOO_LARGE;
            default -> status >= 500 ? ProblemType.INTERNAL_ERROR : ProblemType.INVALID_REQUEST;
        };
    }

    private static String detail(int status, String reason) {
        String what = switch (status) {
            case 414 -> "the request path and query are longer than this server reads; send a shorter URI";
            case 431 -> "the request headers are larger than this server reads; send smaller headers";
            default ->
                status >= 500
                        ? "the server failed to answer"
                        : "the HTTP request is malformed and was refused before any route saw it; check the"
                                + " path's percent-encoding (no %00, no invalid UTF-8, no '..' segments)"
                                + " and the headers (no control characters)";
        };
        return reason == null || reason.isBlank() ? what : what + " (" + shortened(reason) + ")";
    }

    private static String shortened(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
