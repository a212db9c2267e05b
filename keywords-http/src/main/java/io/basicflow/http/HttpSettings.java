package io.basicflow.http;

import io.basicflow.spi.PluginConfiguration;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The {@code basicflow.http.*} settings.
 *
 * @param connectTimeout how long a connection may take ({@code connect-timeout-ms}, default 5000)
 * @param requestTimeout how long a whole answer may take ({@code timeout-ms}, default 30000)
 * @param maxResponseBytes the largest body read ({@code max-response-bytes}, default 1 MiB)
 * @param maxRedirects redirects followed before failing ({@code max-redirects}, default 5)
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a longer one fails the step
 *     ({@code max-retry-after-seconds}, default 300)
 * @param addresses which hosts may be called ({@code allow}, {@code deny})
 * @param secretKey the AES key that protects secret header values in the execution's state
 *     ({@code secret-key}, 16, 24 or 32 bytes in base64); empty: a key made when the process starts
 */
record HttpSettings(
        Duration connectTimeout,
        Duration requestTimeout,
        long maxResponseBytes,
        int maxRedirects,
        Duration maxRetryAfter,
        AddressPolicy addresses,
        Optional<byte[]> secretKey) {

    static HttpSettings from(PluginConfiguration configuration) {
        Optional<byte[]> key = configuration
                .get("secret-key")
                .filter(text -> !text.isBlank())
                .map(text -> {
                    byte[] bytes;
                    try {
                        bytes = Base64.getDecoder().decode(text.trim());
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(
                                "basicflow.http.secret-key is not base64: " + e.getMessage());
                    }
                    if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
                        throw new IllegalArgumentException(
                                "basicflow.http.secret-key must be 16, 24 or 32 bytes in base64, was " + bytes.length
                                        + " bytes");
                    }
                    return bytes;
                });
        return new HttpSettings(
                Duration.ofMillis(positive(configuration, "connect-timeout-ms", 5_000)),
                Duration.ofMillis(positive(configuration, "timeout-ms", 30_000)),
                positive(configuration, "max-response-bytes", 1 << 20),
                Math.max(0, configuration.getInt("max-redirects", 5)),
                Duration.ofSeconds(Math.max(0, configuration.getInt("max-retry-after-seconds", 300))),
                AddressPolicy.parse(configuration.get("allow", ""), configuration.get("deny", "")),
                key);
    }

    /** The same settings with another address policy. */
    HttpSettings withAddresses(AddressPolicy policy) {
        return new HttpSettings(
                connectTimeout, requestTimeout, maxResponseBytes, maxRedirects, maxRetryAfter, policy, secretKey);
    }

    private static int positive(PluginConfiguration configuration, String key, int defaultValue) {
        int value = configuration.getInt(key, defaultValue);
        if (value <= 0) {
            throw new IllegalArgumentException("basicflow.http." + key + " must be positive, was " + value);
        }
        return value;
    }
}
