package io.basicflow.http;

import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The headers {@code SET HEADER} sets for the HTTP calls that follow, kept in the plugin's state of
 * the execution (so a resumed run sends them too). Values of secret headers ({@link #isSecret}) are
 * stored encrypted by the {@link HeaderVault}, never in clear.
 */
final class Headers {

    /** The plugin state entry that holds the headers. */
    static final String STATE = "headers";

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern SECRET_WORDS =
            Pattern.compile(".*(auth|key|token|secret|password|passwd|session|cookie|signature|credential).*");

    private Headers() {}

    /** Whether a header's value must never be written in clear (to state, events or logs). */
    static boolean isSecret(String name) {
        return SECRET_WORDS.matcher(name.toLowerCase(Locale.ROOT)).matches();
    }

    /**
     * Sets (or, with an empty value, removes) one header.
     *
     * @throws KeywordException when the name or value cannot be a header
     */
    static void set(HttpState state, HeaderVault vault, String name, String value) throws KeywordException {
        String trimmed = name.trim();
        if (!TOKEN.matcher(trimmed).matches()) {
            throw KeywordException.permanent("SET HEADER: '" + name + "' is not a valid header name");
        }
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw KeywordException.permanent("SET HEADER " + trimmed + ": the value must be one line");
        }
        Map<String, Value> headers = new LinkedHashMap<>(stored(state));
        headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(trimmed));
        if (!value.isEmpty()) {
            headers.put(trimmed, new TextValue(isSecret(trimmed) ? vault.seal(value) : value));
        }
        state.put(STATE, headers.isEmpty() ? Value.nullValue() : new MapValue(headers));
    }

    static void clear(HttpState state) {
        state.put(STATE, Value.nullValue());
    }

    /**
     * The headers in clear, for a request.
     *
     * @throws KeywordException when a secret value cannot be decrypted
     */
    static Map<String, String> current(HttpState state, HeaderVault vault) throws KeywordException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, Value> entry : stored(state).entrySet()) {
            String text = entry.getValue().display();
            headers.put(entry.getKey(), isSecret(entry.getKey()) ? vault.open(entry.getKey(), text) : text);
        }
        return headers;
    }

    private static Map<String, Value> stored(HttpState state) {
        return state.get(STATE) instanceof MapValue map ? map.entries() : Map.of();
    }
}
