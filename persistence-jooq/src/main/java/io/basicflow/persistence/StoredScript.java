package io.basicflow.persistence;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A script source as stored: executions pin it by hash, so editing or deleting the file never
 * changes what a running execution runs.
 *
 * @param hash sha-256 of the UTF-8 source, 64 lower-case hex digits
 * @param name the name it was first stored under (e.g. its file name)
 * @param source the exact source text
 * @param createdAt when it was first stored
 */
public record StoredScript(String hash, String name, String source, Instant createdAt) {

    /**
     * Validates the script.
     *
     * @param hash the hash, not null
     * @param name the name, not null
     * @param source the source, not null
     * @param createdAt the time, not null
     */
    public StoredScript {
        requireNonNull(hash, "hash is null");
        requireNonNull(name, "name is null");
        requireNonNull(source, "source is null");
        requireNonNull(createdAt, "createdAt is null");
    }

    /**
     * The hash a source is stored under: sha-256 of its UTF-8 bytes as lower-case hex.
     *
     * @param source the source text
     * @return 64 hex digits
     */
    public static String hashOf(String source) {
        requireNonNull(source, "source is null");
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
