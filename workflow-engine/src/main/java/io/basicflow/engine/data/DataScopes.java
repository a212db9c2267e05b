package io.basicflow.engine.data;

import io.basicflow.engine.interpreter.ExecutionState;
import io.basicflow.spi.ExecutionScope;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.Value;

/**
 * The {@link ExecutionScope} of a running step.
 *
 * <ul>
 *   <li>The bot: {@link ExecutionScope#botOf} of the script name.
 *   <li>The user: the variable {@code user} as the step sees it, the way General Bots scripts read
 *       {@code user.id}: its {@code id} entry when it is a map, its text otherwise. A start request
 *       passes it as a start variable ({@code "variables": {"user": {"id": "u-42"}}} or {@code
 *       "user": "u-42"}). Without one, the user is the conversation, so user memory is per conversation.
 *   <li>The conversation: the id of the root execution (a child's id is its parent's, {@code ~}, a
 *       number).
 * </ul>
 */
public final class DataScopes {

    private DataScopes() {}

    /**
     * The scope of a state's next step.
     *
     * @param state the running state
     * @return the scope
     */
    public static ExecutionScope of(ExecutionState state) {
        String conversation = conversationOf(state.executionId());
        return new ExecutionScope(
                state.script(),
                ExecutionScope.botOf(state.script()),
                userOf(state.get("user"), conversation),
                conversation);
    }

    static String conversationOf(String executionId) {
        int tilde = executionId.indexOf('~');
        return tilde < 0 ? executionId : executionId.substring(0, tilde);
    }

    static String userOf(Value user, String conversation) {
        Value id = user instanceof MapValue map ? map.find("id").orElse(NullValue.NULL) : user;
        if (id instanceof NullValue || id instanceof MapValue) {
            return conversation;
        }
        String text = id.display();
        return text.isBlank() ? conversation : text;
    }
}
