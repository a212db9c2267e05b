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
