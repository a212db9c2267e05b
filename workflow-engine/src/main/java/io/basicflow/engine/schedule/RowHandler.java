package io.basicflow.engine.schedule;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A deployed table trigger: one {@code ON INSERT|UPDATE|DELETE OF "table" … END ON} of one script. Each
 * committed change of a row of {@link #table} in the bot's schema starts one execution of {@link #source}
 * with the row in the variable {@code params} (docs/triggers.md).
 *
 * @param script the declaring script's name; the trigger's executions run under it (its bot's data)
 * @param line the line of its {@code ON}
 * @param operation {@code INSERT}, {@code UPDATE} or {@code DELETE}
 * @param bot the bot of the script ({@code io.basicflow.spi.ExecutionScope#botOf})
 * @param table the table's name as the script wrote it
 * @param source the trigger's text: the script with every line blanked but the body and its SUBs
 */
public record RowHandler(String script, int line, String operation, String bot, String table, String source) {

    private static final Set<String> OPERATIONS = Set.of("INSERT", "UPDATE", "DELETE");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /**
     * Validates the parts.
     *
     * @param script not null
     * @param line the line
     * @param operation INSERT, UPDATE or DELETE
     * @param bot not null
     * @param table not null
     * @param source not null
     */
    public RowHandler {
        requireNonNull(script, "script is null");
        requireNonNull(operation, "operation is null");
        requireNonNull(bot, "bot is null");
        requireNonNull(table, "table is null");
        requireNonNull(source, "source is null");
        if (!OPERATIONS.contains(operation)) {
            throw new IllegalArgumentException("operation is not INSERT, UPDATE or DELETE: " + operation);
        }
    }

    /**
     * The bot's schema, named as the data keywords name it ({@code bot_<bot>}, lower case, other
     * characters as {@code _}, at most 63).
     *
     * @return the schema
     */
    public String schema() {
        String schema = "bot_" + bot.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return schema.length() > 63 ? schema.substring(0, 63) : schema;
    }

    /**
     * The table's name as the data keywords fold it ({@code ".Orders"}, {@code "orders.xlsx"} and {@code
     * "ORDERS"} are {@code orders}), or empty when it is no name a table of a bot can have (not a plain
     * identifier of at most 63 characters, or one of the engine's {@code basicflow_}/{@code pg_} names).
     *
     * @return the folded name
     */
    public Optional<String> tableName() {
        String name = table.strip();
        if (name.startsWith(".")) {
            name = name.substring(1);
        }
        name = name.toLowerCase(Locale.ROOT).replaceFirst("\\.(xlsx|xls|csv)$", "");
        if (!IDENTIFIER.matcher(name).matches() || name.startsWith("basicflow_") || name.startsWith("pg_")) {
            return Optional.empty();
        }
        return Optional.of(name);
    }
}
