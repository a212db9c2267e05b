package io.basicflow.http;

import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.Value;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET url WITH service, date} (basics.md's tool pattern) and {@code GET url WITH params}: the
 * map of the {@code WITH} clause becomes the URL's query string, each entry {@code name=value}
 * (form-encoded), a list repeating its name once per element, a {@code NULL} left out. A GET has no
 * body, so this is the only place its values can go.
 */
final class QueryParameters {

    private QueryParameters() {}

    /** The invocation with the {@code WITH} map moved into its URL; the same one when it has none. */
    static Invocation applied(Invocation invocation) throws KeywordException {
        Value with = invocation.argument("with");
        if (with instanceof NullValue) {
            return invocation;
        }
        if (!(with instanceof MapValue map)) {
            throw KeywordException.permanent(invocation.keyword()
                    + " url WITH …: the query parameters must be named, as in GET url WITH service, date or"
                    + " GET url WITH #{service: \"x\"}, not " + with.display());
        }
        String url = invocation.argument("url").display().strip();
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, Value> entry : map.entries().entrySet()) {
            Value value = entry.getValue();
            Iterable<Value> values = value instanceof ListValue list ? list.elements() : java.util.List.of(value);
            for (Value one : values) {
                if (one instanceof NullValue) {
                    continue;
                }
                if (one instanceof MapValue || one instanceof ListValue) {
                    throw KeywordException.permanent(invocation.keyword() + " url WITH …: the parameter "
                            + entry.getKey() + " holds a map or nested list; a query string takes texts and"
                            + " numbers (send structured data with POST)");
                }
                query.append(query.isEmpty() ? "" : "&")
                        .append(encode(entry.getKey()))
                        .append('=')
                        .append(encode(one.display()));
            }
        }
        int hash = url.indexOf('#');
        String fragment = hash < 0 ? "" : url.substring(hash);
        String base = hash < 0 ? url : url.substring(0, hash);
        if (!query.isEmpty()) {
            base += (base.contains("?") ? (base.endsWith("?") || base.endsWith("&") ? "" : "&") : "?") + query;
        }
        Map<String, Value> arguments = new LinkedHashMap<>(invocation.arguments());
        arguments.remove("with");
        arguments.put("url", Value.text(base + fragment));
        return new Invocation(
                invocation.keyword(),
                arguments,
                invocation.idempotencyKey(),
                invocation.executionId(),
                invocation.attempt(),
                invocation.context());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
