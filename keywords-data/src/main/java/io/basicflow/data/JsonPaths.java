package io.basicflow.data;

import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.Value;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code JSON_GET(json, "a.b[0].c")} of keyword-get-bot-memory.md: a path of field names separated by
 * dots, each optionally followed by list positions in brackets (counted from 0). A step that does not
 * exist (a missing field, a position past the end, a field of a text) gives {@code NULL}, as reading a
 * missing field does elsewhere; a path that is not written this way is an error.
 */
final class JsonPaths {

    private static final Pattern STEP = Pattern.compile("([^.\\[\\]]*)((?:\\[\\d+])*)");
    private static final Pattern POSITION = Pattern.compile("\\[(\\d+)]");

    private JsonPaths() {}

    static Value get(Value document, Value pathValue) {
        String path = pathValue.display().strip();
        if (path.startsWith("$.")) {
            path = path.substring(2); // JSONPath's root, as some scripts write it
        }
        if (path.isEmpty()) {
            throw new IllegalArgumentException("JSON_GET needs a path such as \"name\" or \"items[0].sku\"");
        }
        Value current = document;
        for (String step : path.split("\\.", -1)) {
            Matcher matcher = STEP.matcher(step);
            if (!matcher.matches()
                    || (matcher.group(1).isEmpty() && matcher.group(2).isEmpty())) {
                throw new IllegalArgumentException("JSON_GET: '" + path
                        + "' is no path; write field names separated by dots, with [n] for list positions");
            }
            if (!matcher.group(1).isEmpty()) {
                current = current instanceof MapValue map
                        ? map.entries().getOrDefault(matcher.group(1), NullValue.NULL)
                        : NullValue.NULL;
            }
            Matcher position = POSITION.matcher(matcher.group(2));
            while (position.find()) {
                int index = Integer.parseInt(position.group(1));
                current = current instanceof ListValue list
                                && index < list.elements().size()
                        ? list.elements().get(index)
                        : NullValue.NULL;
            }
        }
        return current;
    }
}
