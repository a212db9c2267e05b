package io.basicflow.data;

import io.basicflow.spi.BotName;
import io.basicflow.spi.ExecutionScope;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * {@code BOT SHARE MEMORY "key" WITH "bot"} and {@code BOT SYNC MEMORY FROM "bot"}: copying bot memory
 * ({@code SET BOT MEMORY}) between bots, in the step's own transaction (so exactly once in a durable
 * run). The value is copied as it is now; later changes are not followed. See docs/data.md.
 */
final class SharedMemory {

    private SharedMemory() {}

    /**
     * Copies this bot's memory value of a key into another bot's memory under the same key.
     *
     * @return {@code TRUE} when copied; {@code FALSE} when this bot has no value for the key (the other
     *     bot's memory is left as it is)
     */
    static Value share(Connection connection, ExecutionScope scope, Memory memory, Value key, Value bot)
            throws SQLException, KeywordException {
        ExecutionScope other = otherBot(scope, bot, "BOT SHARE MEMORY");
        Value value = memory.get(connection, scope, Memory.Store.BOT, key);
        if (value instanceof NullValue) {
            return io.basicflow.spi.value.BooleanValue.FALSE;
        }
        memory.put(connection, other, Memory.Store.BOT, key, value, java.util.Optional.empty());
        return io.basicflow.spi.value.BooleanValue.TRUE;
    }

    /**
     * Copies every key of another bot's memory into this bot's memory (a key of both gets the other
     * bot's value; keys only this bot has stay).
     *
     * @return how many keys were copied
     */
    static Value sync(Connection connection, ExecutionScope scope, Memory memory, Value bot)
            throws SQLException, KeywordException {
        ExecutionScope other = otherBot(scope, bot, "BOT SYNC MEMORY");
        Map<String, Value> values = memory.botMemory(connection, other);
        for (Map.Entry<String, Value> entry : values.entrySet()) {
            memory.put(
                    connection,
                    scope,
                    Memory.Store.BOT,
                    new TextValue(entry.getKey()),
                    entry.getValue(),
                    java.util.Optional.empty());
        }
        return IntegerValue.of(values.size());
    }

    private static ExecutionScope otherBot(ExecutionScope scope, Value bot, String keyword) throws KeywordException {
        String name = bot instanceof NullValue ? "" : bot.display().strip();
        if (!BotName.isBotName(name)) {
            throw KeywordException.permanent(keyword + ": '" + name + "' is not a bot name; name the bot by its"
                    + " folder, such as \"billing\" for billing.gbai");
        }
        if (Names.schema(name).equals(Names.schema(scope.bot()))) {
            throw KeywordException.permanent(keyword + ": '" + name + "' is this bot itself; name another bot");
        }
        return new ExecutionScope(scope.script(), name, scope.user(), scope.conversation());
    }
}
