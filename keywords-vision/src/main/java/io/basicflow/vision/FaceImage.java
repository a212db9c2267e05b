package io.basicflow.vision;

import io.basicflow.spi.BotFiles;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image argument as keyword-face-api.md allows it — a path in the bot's storage, an http(s) URL or
 * base64 data — as Azure's detect call takes it: a URL is passed on for the service to fetch (its
 * {@code {"url": …}} body), anything else is sent as the image's bytes. A map with a {@code path} or
 * {@code url} entry (an uploaded file's description) stands for that path or URL.
 */
sealed interface FaceImage {

    /** An image the service fetches itself. */
    record Url(String url) implements FaceImage {}

    /** An image's bytes, with where they came from, for messages. */
    record Bytes(byte[] bytes, String origin) implements FaceImage {}

    /** A data URL ({@code data:image/png;base64,…}). */
    Pattern DATA_URL = Pattern.compile("(?s)data:[^;,]*;base64,(.*)");

    /** Bare base64: only its alphabet, long enough that no file name looks like it. */
    Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/=\\r\\n]{64,}");

    /**
     * Reads one image argument.
     *
     * @param invocation the step
     * @param argument the argument's value
     * @param which "the image", "the first image", for messages
     * @return the image
     * @throws KeywordException when it is empty, undecodable or a path that cannot be read
     */
    static FaceImage of(Invocation invocation, Value argument, String which) throws KeywordException {
        String keyword = invocation.keyword();
        Value given = argument;
        if (argument instanceof MapValue map) {
            given = map.find("path").or(() -> map.find("url")).orElse(NullValue.NULL);
        }
        if (!(given instanceof TextValue text) || text.value().isBlank()) {
            throw KeywordException.permanent(keyword + ": " + which + " is "
                    + (given instanceof NullValue ? "NULL" : "'" + shortened(argument.display()) + "'")
                    + "; give a path in the bot's storage, an http(s) URL or base64 data");
        }
        String written = text.value().strip();
        String lower = written.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return new Url(written);
        }
        Optional<String> encoded = DATA_URL.matcher(written).matches()
                ? Optional.of(written.substring(written.indexOf(',') + 1))
                : BASE64.matcher(written).matches() ? Optional.of(written) : Optional.empty();
        if (encoded.isPresent()) {
            try {
                return new Bytes(Base64.getMimeDecoder().decode(encoded.get()), "base64 data");
            } catch (IllegalArgumentException e) {
                throw KeywordException.permanent(
                        keyword + ": " + which + " looks like base64 data but does not decode: " + e.getMessage());
            }
        }
        // keyword-face-api.md writes "/photos/team.jpg": a leading slash is the top of the bot's storage.
        String path = written.replaceFirst("^/+", "");
        byte[] bytes = BotFiles.installed(keyword).readBytes(invocation.context(), keyword, path);
        return new Bytes(bytes, "'" + written + "'");
    }

    /** For messages: where the image came from. */
    default String origin() {
        return switch (this) {
            case Url url -> "'" + url.url() + "'";
            case Bytes bytes -> bytes.origin();
        };
    }

    private static String shortened(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
