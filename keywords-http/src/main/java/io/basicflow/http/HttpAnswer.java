package io.basicflow.http;

import java.util.List;
import java.util.Map;

/**
 * An HTTP answer as read: status, headers and a body no larger than the limit.
 *
 * @param status the status code
 * @param headers the headers, names in lower case
 * @param body the body bytes
 * @param url the URL that answered (after redirects), as logs may show it (no query, no user info)
 * @param uri the URL that answered, whole: what relative links in the body are resolved against
 */
record HttpAnswer(int status, Map<String, List<String>> headers, byte[] body, String url, java.net.URI uri) {

    String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
