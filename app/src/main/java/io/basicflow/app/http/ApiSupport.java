package io.basicflow.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.basicflow.spi.value.Value;
import io.javalin.http.Context;
import java.util.Map;

/**
 * The API's JSON conventions for an {@link HttpExtension} in another package: the same value
 * shapes, the same request checks, the same problem answers.
 */
public final class ApiSupport {

    private ApiSupport() {}

    /**
     * A new JSON object.
     *
     * @return an empty object
     */
    public static ObjectNode object() {
        return Json.object();
    }

    /**
     * Variables as the API shows them: names to plain JSON values.
     *
     * @param variables by name
     * @return a JSON object
     */
    public static ObjectNode variables(Map<String, Value> variables) {
        return Json.toJson(variables);
    }

    /**
     * A JSON text the API stored (an event's payload), parsed; kept as text when not JSON.
     *
     * @param json the text
     * @return the JSON
     */
    public static JsonNode parseOrText(String json) {
        return Json.parseOrText(json);
    }

    /**
     * Answers with a JSON body.
     *
     * @param ctx the request
     * @param status the HTTP status
     * @param body the body
     */
    public static void json(Context ctx, int status, JsonNode body) {
        Responses.json(ctx, status, body);
    }

    /**
     * Writes JSON as text (for a server-sent event's data line).
     *
     * @param node the JSON
     * @return one line of JSON
     */
    public static String write(JsonNode node) {
        return Json.write(node);
    }

    /**
     * The {@code {id}} path parameter, checked like the API checks it (a 400 problem otherwise).
     *
     * @param ctx the request
     * @return the execution id
     */
    public static String executionId(Context ctx) {
        return Requests.executionId(ctx);
    }

    /**
     * A whole-number query parameter in [min, max] (a 400 problem otherwise), or the default.
     *
     * @param ctx the request
     * @param name the parameter
     * @param defaultValue when absent
     * @param min the least allowed
     * @param max the most allowed
     * @return the value
     */
    public static long longParam(Context ctx, String name, long defaultValue, long min, long max) {
        return Requests.longParam(ctx, name, defaultValue, min, max);
    }

    /**
     * A 400 problem about a query parameter, to throw.
     *
     * @param parameter the parameter
     * @param detail what is wrong and what to send instead
     * @return the exception the server answers as {@code application/problem+json}
     */
    public static RuntimeException invalidParameter(String parameter, String detail) {
        return ApiProblem.invalidParameter(parameter, detail);
    }
}
