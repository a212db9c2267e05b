package io.basicflow.app.http;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the API refuses, thrown by handlers and turned into an {@code application/problem+json}
 * answer: the type, a detail a person understands, and extra members (e.g. {@code diagnostics}).
 */
final class ApiProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ProblemType type;
    private final transient Map<String, Object> members;
    private final transient Map<String, String> headers;

    ApiProblem(ProblemType type, String detail) {
        this(type, detail, Map.of(), Map.of());
    }

    ApiProblem(ProblemType type, String detail, Map<String, ?> members) {
        this(type, detail, members, Map.of());
    }

    ApiProblem(ProblemType type, String detail, Map<String, ?> members, Map<String, String> headers) {
        super(detail, null, false, false);
        this.type = requireNonNull(type, "type is null");
        this.members = new LinkedHashMap<>(members);
        this.headers = Map.copyOf(headers);
    }

    ProblemType type() {
        return type;
    }

    String detail() {
        return getMessage();
    }

    /** Extra members of the problem object, in order. */
    Map<String, Object> members() {
        return members;
    }

    /** Response headers to send with the problem, e.g. {@code WWW-Authenticate}. */
    Map<String, String> headers() {
        return headers;
    }

    /** Extra members in the given order: name, value, name, value, … */
    static Map<String, Object> members(Object... namesAndValues) {
        Map<String, Object> members = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            members.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return members;
    }

    static ApiProblem invalid(String detail) {
        return new ApiProblem(ProblemType.INVALID_REQUEST, detail);
    }

    static ApiProblem invalidParameter(String parameter, String detail) {
        return new ApiProblem(ProblemType.INVALID_REQUEST, detail, Map.of("parameter", parameter));
    }

    static ApiProblem invalidMember(String pointer, String detail) {
        return new ApiProblem(ProblemType.INVALID_REQUEST, detail, Map.of("pointer", pointer));
    }
}
