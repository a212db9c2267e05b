package io.basicflow.http;

import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.Json;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code result = GRAPHQL url, query [, variables]} and {@code GRAPHQL url, query WITH name = value,
 * …}: one POST of {@code {"query", "variables"}} as JSON (GraphQL over HTTP), with the headers of
 * {@code SET HEADER} and the step's {@code Idempotency-Key}, retried like {@code POST}.
 *
 * <ul>
 *   <li>The result is the server's answer as a map: {@code result.data…}, and {@code result.errors}
 *       when the server reports errors beside partial data.
 *   <li>An answer with errors and no data (a query the server refused, a failed mutation) fails the
 *       step with the errors' messages, as does an answer that is not a GraphQL JSON object.
 * </ul>
 */
final class GraphQlCalls {

    private final HttpCalls calls;

    GraphQlCalls(HttpCalls calls) {
        this.calls = calls;
    }

    Value call(Invocation invocation) throws KeywordException {
        String url = invocation.argument("url").display();
        Value query = invocation.argument("query");
        if (!(query instanceof TextValue text) || text.value().isBlank()) {
            throw KeywordException.permanent("GRAPHQL " + url + ": the query must be a non-empty text, was "
                    + (query instanceof NullValue ? "NULL" : query.display()));
        }
        Map<String, Value> request = new LinkedHashMap<>();
        request.put("query", query);
        Value variables = variables(invocation, url);
        if (!(variables instanceof NullValue)) {
            request.put("variables", variables);
        }
        byte[] body = Json.write(new MapValue(request)).getBytes(StandardCharsets.UTF_8);
        HttpAnswer answer = calls.exchange(
                invocation,
                "POST",
                url,
                Map.of(
                        "Content-Type",
                        "application/json",
                        "Accept",
                        "application/graphql-response+json, application/json"),
                body,
                reply -> false);
        return result(url, answer);
    }

    /**
     * The variables: the third argument (a map, or JSON text of one) or the {@code WITH} fields. A
     * field whose value is JSON text of an object or list ({@code input = '{"name": "…"}'}, as
     * General Bots' examples build input objects) is sent as that object.
     */
    private static Value variables(Invocation invocation, String url) throws KeywordException {
        Value positional = invocation.argument("variables");
        Value with = invocation.argument("with");
        if (!(with instanceof NullValue)) {
            if (!(positional instanceof NullValue)) {
                throw KeywordException.permanent(
                        "GRAPHQL " + url + ": give the variables either as the third argument or after WITH, not both");
            }
            Map<String, Value> fields = new LinkedHashMap<>();
            for (Map.Entry<String, Value> field : ((MapValue) with).entries().entrySet()) {
                fields.put(field.getKey(), jsonTextAsValue(field.getValue()));
            }
            return new MapValue(fields);
        }
        Value variables = jsonTextAsValue(positional);
        if (variables instanceof NullValue || variables instanceof MapValue) {
            return variables;
        }
        throw KeywordException.permanent("GRAPHQL " + url + ": the variables must be a map ({ id: 42 }) or"
                + " JSON text of one, was " + variables.display());
    }

    private static Value jsonTextAsValue(Value value) {
        if (value instanceof TextValue text) {
            String trimmed = text.value().trim();
            if ((trimmed.startsWith("{") && trimmed.endsWith("}"))
                    || (trimmed.startsWith("[") && trimmed.endsWith("]"))) {
                try {
                    return JsonValues.read(trimmed);
                } catch (IllegalArgumentException notJson) {
                    return value;
                }
            }
        }
        return value;
    }

    private static Value result(String url, HttpAnswer answer) throws KeywordException {
        String text = new String(answer.body(), HttpCalls.charset(answer.header("content-type")));
        Value parsed;
        try {
            parsed = text.isBlank() ? NullValue.NULL : JsonValues.read(text);
        } catch (IllegalArgumentException notJson) {
            parsed = NullValue.NULL;
        }
        if (!(parsed instanceof MapValue response)
                || !(response.entries().containsKey("data")
                        || response.entries().containsKey("errors"))) {
            throw KeywordException.permanent("GRAPHQL " + url + " answered " + answer.status()
                    + " without a GraphQL answer (a JSON object with data or errors)" + HttpCalls.snippet(answer)
                    + "; check the URL is the GraphQL endpoint");
        }
        Value data = response.entries().getOrDefault("data", NullValue.NULL);
        List<String> messages = errorMessages(response.entries().get("errors"));
        if (data instanceof NullValue && !messages.isEmpty()) {
            throw KeywordException.permanent("GRAPHQL " + url + " answered " + answer.status() + " with errors and no"
                    + " data: " + String.join("; ", messages));
        }
        if (answer.status() < 200 || answer.status() >= 300) {
            if (data instanceof NullValue) {
                throw KeywordException.permanent("GRAPHQL " + url + " answered " + answer.status() + " with no data"
                        + HttpCalls.snippet(answer));
            }
        }
        return response;
    }

    private static List<String> errorMessages(Value errors) {
        List<String> messages = new ArrayList<>();
        if (errors instanceof ListValue list) {
            for (Value error : list.elements()) {
                if (error instanceof MapValue map && map.entries().get("message") instanceof Value message) {
                    messages.add(message.display());
                } else {
                    messages.add(error.display());
                }
            }
        }
        return messages;
    }
}
