package io.basicflow.data;

import io.basicflow.spi.EffectKind;
import io.basicflow.spi.ExecutionScope;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordLowering;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.RetryPolicy;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.util.Optional;

/**
 * General Bots' {@code SET USER user_id} (keyword-set-user.md): the user the data keywords work for from
 * then on in this execution — {@code SET/GET USER MEMORY}, {@code REMEMBER}, {@code RECALL} — instead of
 * the conversation's own user (the variable {@code user}). The id is kept as this plugin's execution
 * value {@code user}, recorded with the step, so a resumed run works for the same user. The variable
 * {@code user} is left as it is: the reference's batch example loops with {@code FOR EACH user IN users}
 * and reads {@code user.email} after {@code SET USER user.id}. With a second argument the call is another
 * keyword: see {@link #PROPERTY}.
 */
final class ActingUser {

    /** {@code SET USER id}. */
    static final String KEYWORD = "SET USER";

    private static final String VALUE = "user";

    static final KeywordDefinition DEFINITION = KeywordDefinition.builder(KEYWORD)
            .parameter(ParameterDefinition.required(
                    "user", "the user's id (a text such as a UUID, or a map with an id entry, like user)"))
            .parameter(ParameterDefinition.optional(
                    "value", "with a value, SET USER \"key\", value stores a property of the user (SET USER MEMORY)"))
            .effect(EffectKind.PURE)
            .retry(RetryPolicy.NONE)
            .description("Makes the data keywords (USER MEMORY, REMEMBER, RECALL) of this execution work for another"
                    + " user from now on.")
            .build();

    private ActingUser() {}

    /**
     * {@code SET USER "key", value} (keyword-face-api.md: {@code SET USER "kyc_status", "verified"}): a
     * property of the user, stored as {@code SET USER MEMORY "key", value} stores it — for the user of the
     * last {@code SET USER id}, else the conversation's — and read with {@code GET USER MEMORY("key")}. The
     * compiler writes the call as that keyword's step, so the write keeps its exactly-once commit.
     */
    static final KeywordLowering PROPERTY = KeywordLowering.of(KeywordLowering.Call.of(
            "SET USER MEMORY",
            KeywordLowering.Argument.written("key", "user"),
            KeywordLowering.Argument.written("value", "value")));

    /** The handler: checks the id and keeps it. */
    static final KeywordHandler HANDLER = ActingUser::set;

    private static Value set(Invocation invocation) throws KeywordException {
        Value given = invocation.argument("user");
        Value id = given instanceof MapValue map ? map.find("id").orElse(NullValue.NULL) : given;
        if (id instanceof NullValue || id instanceof MapValue || id.display().isBlank()) {
            throw KeywordException.permanent("SET USER needs a user id, such as SET USER \"550e8400-e29b-41d4-a716-"
                    + "446655440000\" or SET USER row.id; got "
                    + (id instanceof NullValue ? "NULL" : "'" + given.display() + "'"));
        }
        invocation.context().setExecutionValue(VALUE, new TextValue(id.display().strip()));
        return NullValue.NULL;
    }

    /**
     * The scope a data keyword works in: the engine's, with the user of the execution's last {@code SET
     * USER} when there was one.
     *
     * @param scope the engine's scope
     * @param invocation the keyword's invocation
     * @return the scope to use
     */
    static ExecutionScope of(ExecutionScope scope, Invocation invocation) {
        Optional<Value> user = invocation.context().executionValue(VALUE);
        return user.map(v -> new ExecutionScope(scope.script(), scope.bot(), v.display(), scope.conversation()))
                .orElse(scope);
    }
}
