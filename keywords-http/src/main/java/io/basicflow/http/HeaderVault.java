package io.basicflow.http;

import io.basicflow.spi.KeywordException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secret header values (AES-GCM) before they go into the execution's state, whose changes
 * are recorded in its history. The key is {@code basicflow.http.secret-key}; without it, a key made
 * when the process starts, which only that process can read: an execution resumed by another
 * process (or after a restart) then fails its next HTTP call with a message asking for the setting.
 */
final class HeaderVault {

    private static final String PREFIX = "secret:v1:";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] PROCESS_KEY = randomKey();

    private final SecretKeySpec key;
    private final boolean configured;

    HeaderVault(HttpSettings settings) {
        this.configured = settings.secretKey().isPresent();
        this.key = new SecretKeySpec(settings.secretKey().orElse(PROCESS_KEY), "AES");
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    String seal(String value) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return PREFIX
                    + Base64.getEncoder()
                            .encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                                    .put(iv)
                                    .put(sealed)
                                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this JDK", e);
        }
    }

    String open(String header, String sealed) throws KeywordException {
        if (!sealed.startsWith(PREFIX)) {
            throw KeywordException.permanent("the stored value of header " + header + " is damaged");
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, bytes, 0, 12));
            return new String(cipher.doFinal(bytes, 12, bytes.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw KeywordException.permanent("the value of header " + header
                    + " was encrypted with another key than this process has"
                    + (configured
                            ? " (basicflow.http.secret-key differs between processes)"
                            : " (set the same basicflow.http.secret-key on every process, so that a resumed"
                                    + " execution can send the secret headers it set)")
                    + "; run SET HEADER again or retry the execution on a process with that key");
        }
    }
}
