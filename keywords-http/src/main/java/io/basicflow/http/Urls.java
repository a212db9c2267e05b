package io.basicflow.http;

import java.net.URI;
import java.net.URISyntaxException;

/** URLs as scripts write them, and as logs and messages may show them. */
final class Urls {

    private Urls() {}

    /** Whether a GET or DELETE argument is a web address rather than a path in the bot's storage. */
    static boolean isWebAddress(String text) {
        String lower = text.trim().toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    /**
     * Parses an http or https URL.
     *
     * @throws IllegalArgumentException naming the problem
     */
    static URI parse(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("'" + safe(uri) + "' is not an http or https URL");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("'" + safe(uri) + "' has no host");
        }
        return uri;
    }

    /**
     * A URL as scripts build it by concatenation ({@code "https://…/search?q=" + query}), with the
     * characters a URL cannot hold percent-encoded as UTF-8: spaces, quotes, angle and curly brackets,
     * and anything outside ASCII. What is already encoded ({@code %20}) is kept.
     */
    static String lenient(String text) {
        String trimmed = text.strip();
        StringBuilder out = new StringBuilder(trimmed.length());
        for (int i = 0; i < trimmed.length(); ) {
            int codePoint = trimmed.codePointAt(i);
            i += Character.charCount(codePoint);
            if (codePoint > 0x20 && codePoint < 0x7f && "\"<>\\^`{|}".indexOf(codePoint) < 0) {
                out.append((char) codePoint);
                continue;
            }
            for (byte b : new String(Character.toChars(codePoint)).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                out.append('%').append(String.format(java.util.Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /**
     * The URL without user information and query, which may carry keys: what logs and messages show.
     */
    static String safe(URI uri) {
        StringBuilder out = new StringBuilder();
        if (uri.getScheme() != null) {
            out.append(uri.getScheme()).append("://");
        }
        if (uri.getHost() != null) {
            out.append(uri.getHost());
        }
        if (uri.getPort() >= 0) {
            out.append(':').append(uri.getPort());
        }
        if (uri.getRawPath() != null) {
            out.append(uri.getRawPath());
        }
        if (uri.getRawQuery() != null) {
            out.append("?…");
        }
        return out.toString();
    }
}
