package io.basicflow.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writing answers: JSON resources and RFC 9457 problems. */
final class Responses {

    static final String JSON = "application/json";
    static final String PROBLEM_JSON = "application/problem+json";

    private Responses() {}

    static void json(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType(JSON).result(Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    static void problem(Context ctx, ApiProblem problem) {
        problem.headers().forEach(ctx::header);
        ObjectNode body = Json.object()
                .put("type", problem.type().uri())
                .put("title", problem.type().title())
                .put("status", problem.type().status())
                .put("detail", problem.detail())
                .put("instance", ctx.req().getRequestURI());
        for (Map.Entry<String, Object> member : problem.members().entrySet()) {
            body.set(
                    member.getKey(),
                    member.getValue() instanceof JsonNode node ? node : Json.MAPPER.valueToTree(member.getValue()));
        }
        ctx.status(problem.type().status())
                .contentType(PROBLEM_JSON)
                .result(Json.write(body).getBytes(StandardCharsets.UTF_8));
    }
}
