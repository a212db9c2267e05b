package io.basicflow.files;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, expiring download links to a file of a bot's storage ({@code GENERATE SECURE LINK}, served by
 * {@code basicflow serve} under {@code /files/<bot>/<path>}): the link carries its expiry and an
 * HMAC-SHA256 over the bot, the path and the expiry, keyed by a server secret. Changing any of them, or
 * using the link after it expires, is refused.
 *
 * <p>The secret is {@code basicflow.files.link-secret} when set; otherwise a random one that the first
 * link creates in the files root ({@code <root>/.link-secret}, read by every process that shares the
 * root, as the keyword's and the server's must to serve the files at all).
 */
public final class SecureLinks {

    /** The route's prefix on the server. */
    public static final String ROUTE = "/files/";

    /** The secret's file in the files root when none is configured. */
    static final String SECRET_FILE = ".link-secret";

    private static final Pattern BOT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

    private final byte[] secret;

    /**
     * Links signed with a key.
     *
     * @param secret at least 16 bytes
     */
    public SecureLinks(byte[] secret) {
        requireNonNull(secret, "secret is null");
        if (secret.length < 16) {
            throw new IllegalArgumentException("basicflow.files.link-secret must be at least 16 characters");
        }
        this.secret = secret.clone();
    }

    /**
     * The links of a configuration: its secret, or the files root's own (created when missing).
     *
     * @param configured {@code basicflow.files.link-secret}, if set
     * @param root the files root
     * @return the links
     * @throws IOException when the secret file cannot be read or created
     */
    public static SecureLinks of(Optional<String> configured, Path root) throws IOException {
        if (configured.isPresent() && !configured.get().isBlank()) {
            return new SecureLinks(configured.get().strip().getBytes(StandardCharsets.UTF_8));
        }
        Path file = root.toAbsolutePath().normalize().resolve(SECRET_FILE);
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            Path temporary = Files.createTempFile(file.getParent(), SECRET_FILE, ".tmp");
            Files.writeString(temporary, HexFormat.of().formatHex(random));
            try {
                // another process may have made one first: keep theirs, so both sign alike
                Files.createLink(file, temporary);
            } catch (FileAlreadyExistsException someoneFirst) {
                // theirs stands
            } catch (UnsupportedOperationException | IOException noHardLinks) {
                try {
                    Files.move(temporary, file);
                } catch (FileAlreadyExistsException someoneFirst) {
                    // theirs stands
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        }
        return new SecureLinks(Files.readString(file).strip().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether a name can be a bot of a link.
     *
     * @param bot the bot
     * @return true for letters, digits, dots, dashes and underscores
     */
    public static boolean isBot(String bot) {
        return BOT.matcher(bot).matches();
    }

    /**
     * The signature of a link, lower-case hex.
     *
     * @param bot the bot
     * @param path the path in its storage, folders separated by {@code /}
     * @param expires the expiry, epoch seconds
     * @return the signature
     */
    public String signature(String bot, String path, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal((bot + "\n" + path + "\n" + expires).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /**
     * The link's path and query, to append to the server's base URL.
     *
     * @param bot the bot
     * @param path the path in its storage
     * @param expires when the link stops working
     * @return e.g. {@code /files/shop/reports/a.pdf?expires=…&signature=…}
     */
    public String link(String bot, String path, Instant expires) {
        StringBuilder out = new StringBuilder(ROUTE).append(encode(bot));
        for (String segment : path.split("/")) {
            out.append('/').append(encode(segment));
        }
        long seconds = expires.getEpochSecond();
        return out.append("?expires=")
                .append(seconds)
                .append("&signature=")
                .append(signature(bot, path, seconds))
                .toString();
    }

    /** What a request for a link gets. */
    public enum Check {
        /** The link is genuine and in time. */
        VALID,
        /** The signature does not match: forged or altered. */
        FORGED,
        /** Genuine, but past its expiry. */
        EXPIRED
    }

    /**
     * Checks a request for a link.
     *
     * @param bot the bot in the request
     * @param path the path in the request, decoded
     * @param expires the expiry in the request, epoch seconds
     * @param signature the signature in the request
     * @param now the server's time
     * @return the verdict; a forged link is {@link Check#FORGED} whatever its expiry
     */
    public Check check(String bot, String path, long expires, String signature, Instant now) {
        boolean genuine = MessageDigest.isEqual(
                signature(bot, path, expires).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
        if (!genuine) {
            return Check.FORGED;
        }
        return now.getEpochSecond() >= expires ? Check.EXPIRED : Check.VALID;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
