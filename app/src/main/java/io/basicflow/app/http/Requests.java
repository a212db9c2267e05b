package io.basicflow.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.basicflow.engine.api.ExecutionIds;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading requests: bounded bodies, media types, path and query parameters. */
final class Requests {

    /** What a request body is. */
    enum BodyKind {
        JSON,
        TEXT
    }

    private Requests() {}

    /**
     * The body, at most {@code maxBytes}.
     *
     * @throws ApiProblem 413 when it is larger
     */
    static byte[] body(Context ctx, int maxBytes) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(maxBytes);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw tooLarge(maxBytes);
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body: " + e.getMessage(), e);
        }
    }

    private static ApiProblem tooLarge(int maxBytes) {
        return new ApiProblem(
                ProblemType.BODY_TOO_LARGE,
                "the request body is larger than " + maxBytes + " bytes, the most this server accepts",
                Map.of("limit", maxBytes));
    }

    /**
     * The kind of the body from its {@code Content-Type}: JSON when absent or JSON ({@code
     * application/json}, {@code …+json}), TEXT for {@code text/plain} when accepted.
     *
     * @throws ApiProblem 415 for any other media type
     */
    static BodyKind kind(Context ctx, Set<BodyKind> accepted) {
        String header = ctx.req().getContentType();
        if (header == null || header.isBlank()) {
            return BodyKind.JSON;
        }
        String mediaType = header.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (mediaType.equals("application/json")
                || (mediaType.startsWith("application/") && mediaType.endsWith("+json"))) {
            return BodyKind.JSON;
        }
        if (mediaType.equals("text/plain") && accepted.contains(BodyKind.TEXT)) {
            String charset = charset(header);
            if (!charset.equals("utf-8") && !charset.equals("us-ascii")) {
                throw new ApiProblem(
                        ProblemType.UNSUPPORTED_MEDIA_TYPE,
                        "text bodies must be UTF-8, the request declared charset " + charset);
            }
            return BodyKind.TEXT;
        }
        String expected = accepted.contains(BodyKind.TEXT) ? "application/json or text/plain" : "application/json";
        throw new ApiProblem(
                ProblemType.UNSUPPORTED_MEDIA_TYPE,
                "the request body is " + mediaType + "; send " + expected + " (Content-Type header)",
                Map.of(
                        "accepted",
                        accepted.contains(BodyKind.TEXT)
                                ? List.of("application/json", "text/plain")
                                : List.of("application/json")));
    }

    private static String charset(String contentType) {
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.strip().split("=", 2);
            if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("charset")) {
                return pair[1].strip().replace("\"", "").toLowerCase(Locale.ROOT);
            }
        }
        return "utf-8";
    }

    /** The body as UTF-8 text; malformed UTF-8 is refused. */
    static String text(byte[] body) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ApiProblem.invalid("the request body is not valid UTF-8 text");
        }
    }

    /**
     * The body as a JSON object whose members are all among {@code allowed}.
     *
     * @throws ApiProblem 400 for invalid JSON, another JSON type, or an unknown member
     */
    static ObjectNode jsonObject(byte[] body, Set<String> allowed) {
        JsonNode node = Json.parse(body);
        if (!node.isObject()) {
            throw ApiProblem.invalidMember(
                    "",
                    "the request body must be a JSON object, was "
                            + node.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        ObjectNode object = (ObjectNode) node;
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ApiProblem.invalidMember(
                        "/" + Json.escape(name),
                        "unknown member '" + name + "'; expected "
                                + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        return object;
    }

    /** An optional string member; null counts as absent. */
    static Optional<String> optionalText(ObjectNode object, String member) {
        JsonNode node = object.get(member);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw ApiProblem.invalidMember(
                    "/" + member,
                    "'" + member + "' must be a string, was "
                            + node.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return Optional.of(node.textValue());
    }

    /** A required string member. */
    static String requiredText(ObjectNode object, String member) {
        return optionalText(object, member)
                .orElseThrow(() -> ApiProblem.invalidMember("/" + member, "'" + member + "' is required"));
    }

    /** A child execution's part of an id: {@code ~} and a sequence number, once per generation. */
    private static final Pattern CHILD_SUFFIX = Pattern.compile("(?:~[0-9]{1,18})+$");

    /**
     * Checks an execution id.
     *
     * @throws ApiProblem 400 when it breaks {@link ExecutionIds}' rules or is only dots (which a URL
     *     path cannot carry)
     */
    static String executionId(String id, String where) {
        try {
            ExecutionIds.requireValid(id);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(ProblemType.INVALID_EXECUTION_ID, e.getMessage(), Map.of("pointer", where));
        }
        if (id.chars().allMatch(c -> c == '.')) {
            throw new ApiProblem(
                    ProblemType.INVALID_EXECUTION_ID,
                    "execution id '" + id + "' is only dots, which cannot appear in a URL path; choose another id",
                    Map.of("pointer", where));
        }
        return id;
    }

    /**
     * The {@code {id}} path parameter, checked. A child execution's id (its parent's id, {@code ~} and
     * the parent step's sequence number, as the engine names children) is accepted too: children are
     * read, cancelled and answered like any execution, though nobody chooses such an id at start.
     */
    static String executionId(Context ctx) {
        String id = ctx.pathParam("id");
        Matcher child = CHILD_SUFFIX.matcher(id);
        if (child.find() && child.start() > 0) {
            executionId(id.substring(0, child.start()), "id");
            return id;
        }
        return executionId(id, "id");
    }

    /** A whole-number query parameter in [min, max], or the default. */
    static long longParam(Context ctx, String name, long defaultValue, long min, long max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return defaultValue;
        }
        long value;
        try {
            value = Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw ApiProblem.invalidParameter(
                    name, "query parameter '" + name + "' must be a whole number, was '" + raw + "'");
        }
        if (value < min || value > max) {
            throw ApiProblem.invalidParameter(
                    name, "query parameter '" + name + "' must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    /** A duration in (possibly fractional) seconds, at least 0, cut to {@code max}. */
    static Duration secondsParam(Context ctx, String name, Duration max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return Duration.ZERO;
        }
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(raw.strip());
        } catch (NumberFormatException e) {
            throw ApiProblem.invalidParameter(
                    name, "query parameter '" + name + "' must be a number of seconds, was '" + raw + "'");
        }
        if (seconds.signum() < 0) {
            throw ApiProblem.invalidParameter(name, "query parameter '" + name + "' must not be negative, was " + raw);
        }
        if (seconds.compareTo(BigDecimal.valueOf(max.toMillis()).movePointLeft(3)) >= 0) {
            return max;
        }
        return Duration.ofMillis(seconds.movePointRight(3).longValue());
    }

    /** The earliest time a query accepts: 0001-01-01T00:00:00Z. */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    /** The latest time a query accepts: 9999-12-31T23:59:59.999999Z. */
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    /**
     * A timestamp query parameter: ISO-8601 with an offset, e.g. {@code 2026-11-25T10:00:00Z}, in the
     * years 1 to 9999 (wider years parse in Java but are no time a database column holds).
     */
    static Optional<Instant> instantParam(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        Instant instant;
        try {
            // A '+' of an offset arrives as a space when the client did not percent-encode it.
            instant = OffsetDateTime.parse(raw.strip().replace(' ', '+')).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidParameter(
                    name,
                    "query parameter '" + name
                            + "' must be an ISO-8601 time with an offset, e.g. 2026-11-25T10:00:00Z, was '" + raw
                            + "'");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw ApiProblem.invalidParameter(
                    name,
                    "query parameter '" + name + "' must be a time between " + EARLIEST + " and " + LATEST + ", was '"
                            + raw + "'");
        }
        return Optional.of(instant);
    }
}
