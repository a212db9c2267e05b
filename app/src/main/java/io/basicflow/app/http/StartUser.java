package io.basicflow.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code user} member of {@code POST /executions}: who the execution talks to. It becomes the start
 * variable {@code user}, the map {@code {"id": "<user>"}}, so a script reads {@code user.id} as in
 * General Bots, and the data keywords keep that user's memory ({@code SET USER MEMORY}, {@code
 * REMEMBER}) under it. It is a non-blank string of at most {@value #MAX_LENGTH} characters without
 * control characters; giving it together with {@code variables.user} is refused.
 */
final class StartUser {

    /** The longest user id accepted. */
    static final int MAX_LENGTH = 256;

    private StartUser() {}

    /**
     * The start variables with the request's user added.
     *
     * @param request the start request
     * @param variables the variables it gives
     * @return the variables, with {@code user} when the request names one
     * @throws ApiProblem (400) when the user is not a valid id or is given twice
     */
    static Map<String, Value> apply(ObjectNode request, Map<String, Value> variables) {
        JsonNode node = request.get("user");
        if (node == null || node.isNull()) {
            return variables;
        }
        if (!node.isTextual()) {
            throw ApiProblem.invalidMember(
                    "/user",
                    "'user' must be a string (the user's id), was "
                            + node.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        String user = node.textValue().strip();
        if (user.isEmpty() || user.length() > MAX_LENGTH || user.chars().anyMatch(Character::isISOControl)) {
            throw ApiProblem.invalidMember(
                    "/user",
                    "'user' must be 1 to " + MAX_LENGTH + " characters without control characters, e.g. "
                            + "\"whatsapp:+5511999999999\"");
        }
        if (variables.containsKey("user")) {
            throw ApiProblem.invalidMember(
                    "/user", "the user is given twice, as 'user' and as 'variables.user'; give it once, as 'user'");
        }
        Map<String, Value> withUser = new LinkedHashMap<>(variables);
        withUser.put("user", new MapValue(Map.of("id", new TextValue(user))));
        return withUser;
    }
}
