package io.basicflow.app.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The bearer token check (RFC 6750) in front of every route but {@code GET /health}. Tokens are
 * compared as SHA-256 digests with {@link MessageDigest#isEqual}, which takes the same time whatever
 * the presented token shares with the real one, and reveals nothing about its length.
 */
final class BearerAuth {

    static final String HEALTH_PATH = "/health";
    private static final String CHALLENGE = "Bearer realm=\"basicflow\"";

    private final Optional<byte[]> tokenDigest;
    private final Predicate<String> publicPath;

    BearerAuth(Optional<String> token) {
        this(token, path -> false);
    }

    /** With paths that extensions serve to anyone (pages that ask for the token themselves). */
    BearerAuth(Optional<String> token, Predicate<String> publicPath) {
        this.tokenDigest = token.map(BearerAuth::digest);
        this.publicPath = publicPath;
    }

    /** Refuses the request with 401 unless it carries the token; does nothing when none is set. */
    void check(Context ctx) {
        if (tokenDigest.isEmpty() || isHealth(ctx.path()) || publicPath.test(ctx.path())) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw refused(
                    "this server requires an API token: send the header 'Authorization: Bearer <token>'", CHALLENGE);
        }
        String[] parts = header.strip().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].toLowerCase(Locale.ROOT).equals("bearer")) {
            throw refused(
                    "the Authorization header must be 'Bearer <token>'", CHALLENGE + ", error=\"invalid_request\"");
        }
        if (!MessageDigest.isEqual(digest(parts[1].strip()), tokenDigest.get())) {
            throw refused("the API token is wrong", CHALLENGE + ", error=\"invalid_token\"");
        }
    }

    private static boolean isHealth(String path) {
        return path.equals(HEALTH_PATH) || path.equals(HEALTH_PATH + "/");
    }

    private static ApiProblem refused(String detail, String challenge) {
        return new ApiProblem(ProblemType.UNAUTHORIZED, detail, Map.of(), Map.of("WWW-Authenticate", challenge));
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
