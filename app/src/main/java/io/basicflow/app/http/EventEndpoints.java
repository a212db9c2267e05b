package io.basicflow.app.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.basicflow.engine.api.WorkflowEngine;
import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.Value;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code POST /events/{name}}: how an outside system publishes an event that {@code WAIT FOR EVENT}
 * waits for (docs/orchestration.md, "Events"). The body is optional: {@code {"data": any JSON,
 * "conversation": "execution id"}}. Without {@code data} the event's value is {@code TRUE}, as for
 * {@code PUBLISH EVENT} without {@code WITH}; without {@code conversation} it goes to every
 * conversation. An {@code Idempotency-Key} header makes a repeated request publish once.
 */
final class EventEndpoints {

    /** The most characters of an event name, as the engine accepts. */
    static final int MAX_NAME = 200;

    private final WorkflowEngine engine;
    private final HttpServerConfig config;

    EventEndpoints(WorkflowEngine engine, HttpServerConfig config) {
        this.engine = requireNonNull(engine, "engine is null");
        this.config = requireNonNull(config, "config is null");
    }

    /** {@code POST /events/{name}}: 200 with how many waiting executions it woke. */
    void publish(Context ctx) {
        String name = ctx.pathParam("name").strip();
        if (name.isEmpty()
                || name.length() > MAX_NAME
                || name.chars().anyMatch(Character::isISOControl)
                || name.equals(".")
                || name.equals("..")) {
            // "." and ".." are path steps to every proxy and HTTP library on the way, which would rewrite them
            throw ApiProblem.invalidParameter(
                    "name",
                    "an event name must have 1 to " + MAX_NAME + " characters, no control characters, and be"
                            + " neither '.' nor '..', such as /events/approval_received");
        }
        Requests.kind(ctx, Set.of(Requests.BodyKind.JSON));
        byte[] body = Requests.body(ctx, config.maxBodyBytes());
        Value data = BooleanValue.TRUE;
        Optional<String> conversation = Optional.empty();
        if (body.length > 0) {
            ObjectNode request = Requests.jsonObject(body, Set.of("data", "conversation"));
            if (request.has("data")) {
                data = Json.toValue(request.get("data"), "/data");
            }
            conversation =
                    Requests.optionalText(request, "conversation").map(id -> Requests.executionId(id, "/conversation"));
        }
        String key = ExecutionEndpoints.idempotencyKey(ctx)
                .orElseGet(() -> UUID.randomUUID().toString());
        int woken = engine.publishEvent(conversation, name, data, "http/" + key);
        ObjectNode answer = Json.object().put("event", name).put("woken", woken);
        conversation.ifPresentOrElse(id -> answer.put("conversation", id), () -> answer.putNull("conversation"));
        Responses.json(ctx, 200, answer);
    }
}
