package io.basicflow.data;

import io.basicflow.spi.EffectKind;
import io.basicflow.spi.ExecutionScope;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.TransactionalKeywordHandler;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code ALLOW ROLE "role"[, "other"…]} (the bling bot's data analysis; no reference page, see
 * docs/general-bots-extras.md): the dialog goes on only when its user has one of the roles, else the
 * execution stops, failed with a message that names the user and the roles. A user's roles are the user
 * memory {@code roles} of the bot — a list or a comma-separated text, given by an administrator's script
 * ({@code SET USER "ana@example.com"} then {@code SET USER MEMORY "roles", "analiseDados, compras"}) —
 * of the user the data keywords work for ({@code SET USER} respected). The roles are read in the step's
 * transaction and the verdict recorded, so a resumed run does not ask again.
 */
public final class RolesPlugin implements KeywordPlugin {

    /** The keyword. */
    public static final String ALLOW_ROLE = "ALLOW ROLE";

    /** The user memory key that holds a user's roles. */
    static final String ROLES_KEY = "roles";

    /** Creates the plugin; {@link java.util.ServiceLoader} calls this. */
    public RolesPlugin() {}

    @Override
    public String name() {
        return "roles";
    }

    @Override
    public List<KeywordDefinition> keywords() {
        return List.of(KeywordDefinition.builder(ALLOW_ROLE)
                .form(KeywordForm.STATEMENT)
                .parameter(ParameterDefinition.required("role", "the role the user needs"))
                .parameter(ParameterDefinition.repeated("others", "more roles, any of which will do"))
                .effect(EffectKind.IDEMPOTENT_EFFECT)
                .retry(DataPlugin.RETRY)
                .description("Goes on only when the user has one of the roles (the bot's USER MEMORY \"roles\");"
                        + " otherwise the execution stops with a message naming the user and the roles.")
                .build());
    }

    @Override
    public Optional<TransactionalKeywordHandler> transactionalHandler(String keyword) {
        return ALLOW_ROLE.equals(keyword) ? Optional.of(RolesPlugin::allow) : Optional.empty();
    }

    /** Only reached by an engine without data connections: the roles are in the bot's user memory. */
    @Override
    public Optional<KeywordHandler> handler(String keyword) {
        if (!ALLOW_ROLE.equals(keyword)) {
            return Optional.empty();
        }
        return Optional.of(invocation -> {
            throw KeywordException.permanent(ALLOW_ROLE + " reads the user's roles from the bot's user memory in"
                    + " PostgreSQL; this engine has no database for data (run it with basicflow, or give the engine"
                    + " its data connections)");
        });
    }

    static Value allow(Invocation invocation, ExecutionScope engineScope, Connection connection)
            throws KeywordException, SQLException {
        List<String> needed = new ArrayList<>();
        needed.add(invocation.argument("role").display().strip());
        if (invocation.argument("others") instanceof ListValue others) {
            for (Value other : others.elements()) {
                needed.add(other.display().strip());
            }
        }
        if (needed.stream().anyMatch(String::isEmpty)) {
            throw KeywordException.permanent(ALLOW_ROLE + " needs a role's name, such as ALLOW ROLE \"analyst\"");
        }
        ExecutionScope scope = invocation
                .context()
                .executionValueOf("data", "user")
                .map(user -> new ExecutionScope(
                        engineScope.script(), engineScope.bot(), user.display(), engineScope.conversation()))
                .orElse(engineScope);
        Value stored = new Memory(invocation.context().clock())
                .get(connection, scope, Memory.Store.USER, new TextValue(ROLES_KEY));
        List<String> roles = roles(stored);
        for (String role : needed) {
            if (roles.contains(role.toLowerCase(Locale.ROOT))) {
                return NullValue.NULL;
            }
        }
        throw KeywordException.permanent("ALLOW ROLE: the user '" + scope.user() + "' does not have the role"
                + (needed.size() == 1 ? " '" + needed.getFirst() + "'" : "s " + needed) + " this dialog needs"
                + (roles.isEmpty() ? " (they have no roles" : " (their roles: " + String.join(", ", roles))
                + "); an administrator gives roles with SET USER MEMORY \"roles\", \"" + needed.getFirst() + "\" for"
                + " that user");
    }

    /** The roles in a user memory value: a list, or a text of names separated by commas; lower case. */
    private static List<String> roles(Value stored) {
        List<String> out = new ArrayList<>();
        List<Value> items = stored instanceof ListValue list ? list.elements() : List.of(stored);
        for (Value item : items) {
            if (item instanceof NullValue) {
                continue;
            }
            for (String name : item.display().split(",")) {
                if (!name.isBlank()) {
                    out.add(name.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }
}
