package io.basicflow.data;

import io.basicflow.spi.KeywordException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checked SQL identifiers. A table or column name from a script is one word of letters, digits and
 * underscores (at most 63), folded to lower case and always quoted; names that start with {@code
 * basicflow_} or {@code pg_} are the engine's and refused. Each bot's data lives in its own schema,
 * {@code bot_<bot>}, and every statement names it: a script cannot reach another schema.
 */
final class Names {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private Names() {}

    /**
     * A table name from a script.
     *
     * @param raw what the script gave
     * @return the lower-case name
     * @throws KeywordException when it is not a plain identifier
     */
    static String table(String raw) throws KeywordException {
        String name = raw == null ? "" : raw.trim();
        // General Bots writes ".Produtos" for a table of the bot's database and "log.xlsx" or
        // "reminders.csv" for a sheet: each is the table of that name here.
        if (name.startsWith(".")) {
            name = name.substring(1);
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (String sheet : List.of(".xlsx", ".xls", ".csv")) {
            if (lower.endsWith(sheet)) {
                name = name.substring(0, name.length() - sheet.length());
            }
        }
        return identifier(name, "table");
    }

    /**
     * A column name from a script.
     *
     * @param raw what the script gave
     * @return the lower-case name
     * @throws KeywordException when it is not a plain identifier
     */
    static String column(String raw) throws KeywordException {
        return identifier(raw, "column");
    }

    /**
     * An index name from a script.
     *
     * @param raw what the script gave
     * @return the lower-case name
     * @throws KeywordException when it is not a plain identifier
     */
    static String index(String raw) throws KeywordException {
        return identifier(raw, "index");
    }

    /**
     * A column reference in a condition: a column name, or {@code table.column} (each part checked like a
     * name); whether the table has it is for the caller's column list to say.
     *
     * @param raw what the script gave
     * @return the lower-case reference
     * @throws KeywordException when a part is not a plain identifier
     */
    static String columnRef(String raw) throws KeywordException {
        int dot = raw == null ? -1 : raw.indexOf('.');
        if (dot < 0) {
            return column(raw);
        }
        return table(raw.substring(0, dot)) + "." + column(raw.substring(dot + 1));
    }

    /**
     * A quoted column reference: {@code "column"} or {@code "table"."column"}.
     *
     * @param ref a checked reference ({@link #columnRef})
     * @return its SQL
     */
    static String quoteRef(String ref) {
        int dot = ref.indexOf('.');
        return dot < 0 ? quote(ref) : quote(ref.substring(0, dot)) + "." + quote(ref.substring(dot + 1));
    }

    private static String identifier(String raw, String what) throws KeywordException {
        String name = raw == null ? "" : raw.trim();
        if (!IDENTIFIER.matcher(name).matches()) {
            throw KeywordException.permanent("'" + raw + "' is not a valid " + what
                    + " name: use letters, digits and underscores, starting with a letter (at most 63)");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("basicflow_") || lower.startsWith("pg_")) {
            throw KeywordException.permanent("'" + raw + "' is reserved: " + what
                    + " names starting with basicflow_ or pg_ belong to the engine");
        }
        return lower;
    }

    /**
     * The schema of a bot's data: {@code bot_} and the bot name, other characters than letters and
     * digits replaced by {@code _}.
     *
     * @param bot the bot
     * @return the schema name
     */
    static String schema(String bot) {
        String cleaned = bot.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        String schema = "bot_" + cleaned;
        return schema.length() > 63 ? schema.substring(0, 63) : schema;
    }

    /**
     * A quoted identifier (names here are already checked; quoting keeps keywords such as {@code order}
     * usable as names).
     *
     * @param name a checked name
     * @return {@code "name"}
     */
    static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /**
     * A schema-qualified, quoted table.
     *
     * @param schema the schema
     * @param table the table
     * @return {@code "schema"."table"}
     */
    static String qualified(String schema, String table) {
        return quote(schema) + "." + quote(table);
    }
}
