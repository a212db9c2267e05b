package io.basicflow.mail;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The Message-ID of a mail sent by {@code SEND MAIL}, derived from the step's idempotency key alone.
 * Every attempt of one step (a retry, or a new call after a crash between sending and recording)
 * sends the same Message-ID, so a receiver that keeps the first message per Message-ID sees the
 * mail once. The key itself travels in the {@value #IDEMPOTENCY_KEY_HEADER} header.
 */
public final class MessageIds {

    /** The header that carries the raw idempotency key ({@code executionId/sequence}). */
    public static final String IDEMPOTENCY_KEY_HEADER = "X-Basicflow-Idempotency-Key";

    private MessageIds() {}

    /**
     * The Message-ID for an idempotency key: {@code <basicflow.} + the unpadded base64url SHA-256 of
     * the key's UTF-8 bytes + {@code @} + domain + {@code >}. Base64url letters are all allowed in a
     * Message-ID (RFC 5322 {@code dot-atom-text}).
     *
     * @param idempotencyKey the step's key, e.g. {@code 7f3c…/42}
     * @param domain the right-hand side, e.g. {@code example.com} (basicflow.mail.message-id-domain)
     * @return the Message-ID with its angle brackets, e.g. {@code <basicflow.q1…Zw@example.com>}
     */
    public static String forIdempotencyKey(String idempotencyKey, String domain) {
        requireNonNull(idempotencyKey, "idempotencyKey is null");
        requireNonNull(domain, "domain is null");
        return "<basicflow." + hash(idempotencyKey) + "@" + domain + ">";
    }

    private static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
