package io.basicflow.data;

import io.basicflow.spi.ExecutionScope;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.Value;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code product = PRODUCT id} and {@code found = SEARCH PRODUCTS query[, limit]}: the bot's {@code
 * products} table, as General Bots' store scripts read it (docs/data.md, "Products").
 *
 * <ul>
 *   <li>{@code PRODUCT id}: the row whose {@code id} is the id, as a map of all its columns; {@code
 *       NULL} when there is none (or the id cannot be one of the column's type), so {@code IF NOT
 *       product THEN} works.
 *   <li>{@code SEARCH PRODUCTS query[, limit]}: the rows whose {@code name}, {@code category} or {@code
 *       description} contain a word of the query, ignoring case (SQL {@code ILIKE '%word%'}, each word
 *       a bound parameter with its {@code %} and {@code _} escaped); the best first: a name holding the
 *       whole query, then more matching words, a word in the name weighing more than in the category,
 *       and there more than in the description; ties by id. Rows whose {@code is_active} is false are
 *       left out. At most {@code limit} rows (10 by default, never more than {@code
 *       basicflow.data.find-limit}).
 * </ul>
 *
 * <p>Only {@code id} is required of the table ({@code PRODUCT}), and one of {@code name}, {@code
 * category}, {@code description} ({@code SEARCH PRODUCTS}); every other column comes back as it is.
 * A bot without the table gets an error that says how to create it.
 */
final class Products {

    static final String TABLE = "products";
    static final int DEFAULT_SEARCH_LIMIT = 10;

    /** The searched columns and the weight of a word found in each. */
    private static final Map<String, Integer> SEARCHED = orderedWeights();

    /** The most words of a query that are searched. */
    static final int MAX_WORDS = 12;

    private static final Pattern WORD_SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?\\d+(\\.\\d+)?");
    private static final Set<String> NUMERIC_TYPES = Set.of("int2", "int4", "int8", "smallint", "integer", "bigint");
    private static final Set<String> DECIMAL_TYPES =
            Set.of("numeric", "decimal", "float4", "float8", "real", "double precision");

    /** Words that say nothing about a product (English, Portuguese, Spanish). */
    private static final Set<String> STOP_WORDS = Set.of(
            "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "from", "by", "is", "are",
            "was", "this", "that", "it", "its", "de", "da", "do", "das", "dos", "e", "ou", "em", "no", "na", "nos",
            "nas", "um", "uma", "com", "para", "por", "que", "o", "os", "as", "el", "la", "los", "las", "del", "y",
            "con", "un", "una");

    private Products() {}

    private static Map<String, Integer> orderedWeights() {
        Map<String, Integer> weights = new java.util.LinkedHashMap<>();
        weights.put("name", 4);
        weights.put("category", 2);
        weights.put("description", 1);
        return java.util.Collections.unmodifiableMap(weights);
    }

    /** {@code PRODUCT id}. */
    static Value product(Connection connection, ExecutionScope scope, Tables tables, Value id)
            throws SQLException, KeywordException {
        String schema = Names.schema(scope.bot());
        Map<String, String> columns = columns(connection, tables, schema, scope.bot(), "PRODUCT");
        String idType = columns.get("id");
        if (idType == null) {
            throw KeywordException.permanent("PRODUCT: the products table of bot " + scope.bot()
                    + " has no id column (it has " + String.join(", ", columns.keySet()) + ")");
        }
        if (id instanceof NullValue || id.display().isBlank()) {
            return NullValue.NULL;
        }
        String text = id.display().strip();
        String condition;
        if (NUMERIC_TYPES.contains(idType)) {
            if (!WHOLE_NUMBER.matcher(text).matches()) {
                return NullValue.NULL; // "abc" is no row's id: nothing found, no failed statement
            }
            condition = "\"id\" = cast(? as int8)";
        } else if (DECIMAL_TYPES.contains(idType)) {
            if (!DECIMAL.matcher(text).matches()) {
                return NullValue.NULL;
            }
            condition = "\"id\" = cast(? as numeric)";
        } else if (idType.equals("uuid")) {
            try {
                text = UUID.fromString(text).toString();
            } catch (IllegalArgumentException notAUuid) {
                return NullValue.NULL;
            }
            condition = "\"id\" = cast(? as uuid)";
        } else {
            condition = "cast(\"id\" as text) = ?";
        }
        String sql = "select * from " + Names.qualified(schema, TABLE) + " where " + condition + " limit 1";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, text);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? new MapValue(SqlValues.row(rows)) : NullValue.NULL;
            }
        }
    }

    /** {@code SEARCH PRODUCTS query[, limit]}. */
    static Value search(
            Connection connection, ExecutionScope scope, Tables tables, Value query, Value limitArgument, int findLimit)
            throws SQLException, KeywordException {
        if (query instanceof NullValue) {
            throw KeywordException.permanent("SEARCH PRODUCTS needs what to look for: SEARCH PRODUCTS \"red shoes\"");
        }
        int limit = limit(limitArgument, findLimit);
        String schema = Names.schema(scope.bot());
        Map<String, String> columns = columns(connection, tables, schema, scope.bot(), "SEARCH PRODUCTS");
        List<String> searched = new ArrayList<>();
        for (String column : SEARCHED.keySet()) {
            if (columns.containsKey(column)) {
                searched.add(column);
            }
        }
        if (searched.isEmpty()) {
            throw KeywordException.permanent("SEARCH PRODUCTS: the products table of bot " + scope.bot()
                    + " has none of the columns name, category, description to search (it has "
                    + String.join(", ", columns.keySet()) + ")");
        }
        String phrase = query.display().strip().replaceAll("\\s+", " ");
        List<String> words = words(phrase);
        if (words.isEmpty() || limit == 0) {
            return ListValue.EMPTY;
        }
        List<String> parameters = new ArrayList<>();
        StringBuilder score = new StringBuilder();
        if (words.size() > 1 && searched.contains("name")) {
            score.append("8 * (coalesce(cast(\"name\" as text), '') ilike ?)::int");
            parameters.add(contains(phrase));
        }
        for (String word : words) {
            for (String column : searched) {
                score.append(score.isEmpty() ? "" : " + ")
                        .append(SEARCHED.get(column))
                        .append(" * (coalesce(cast(")
                        .append(Names.quote(column))
                        .append(" as text), '') ilike ?)::int");
                parameters.add(contains(word));
            }
        }
        String active = "bool".equals(columns.get("is_active")) ? " and \"is_active\" is not false" : "";
        String order = columns.containsKey("id") ? ", \"id\"" : "";
        String sql = "select * from (select *, " + score + " as \"basicflow_search_score\" from "
                + Names.qualified(schema, TABLE) + ") ranked where \"basicflow_search_score\" > 0" + active
                + " order by \"basicflow_search_score\" desc" + order + " limit " + limit;
        List<Value> found = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setString(i + 1, parameters.get(i));
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Map<String, Value> row = new java.util.LinkedHashMap<>(SqlValues.row(rows));
                    row.remove("basicflow_search_score");
                    found.add(new MapValue(row));
                }
            }
        }
        return new ListValue(found);
    }

    /** The query's distinct words, lower case, without the words that say nothing; at most {@link #MAX_WORDS}. */
    static List<String> words(String query) {
        Set<String> words = new LinkedHashSet<>();
        for (String word : WORD_SEPARATORS.split(query.toLowerCase(Locale.ROOT))) {
            if (!word.isEmpty() && !STOP_WORDS.contains(word) && words.size() < MAX_WORDS) {
                words.add(word);
            }
        }
        return List.copyOf(words);
    }

    /** {@code %text%} with LIKE's wildcards in the text escaped: the text is matched as written. */
    static String contains(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static int limit(Value limit, int findLimit) throws KeywordException {
        if (limit instanceof NullValue) {
            return Math.min(DEFAULT_SEARCH_LIMIT, findLimit);
        }
        if (!(limit instanceof IntegerValue whole) || whole.value() < 0) {
            throw KeywordException.permanent(
                    "SEARCH PRODUCTS: the limit must be a whole number of rows, 0 or more, not " + limit.display());
        }
        return (int) Math.min(whole.value(), findLimit);
    }

    private static Map<String, String> columns(
            Connection connection, Tables tables, String schema, String bot, String keyword)
            throws SQLException, KeywordException {
        Map<String, String> columns = tables.columns(connection, schema, TABLE);
        if (columns.isEmpty()) {
            throw KeywordException.permanent(keyword + ": bot " + bot + " has no products table; " + keyword
                    + " reads the bot's table products (id, name, category, description, price, …): declare it"
                    + " with TABLE products … END TABLE, or SAVE \"products\" a first row");
        }
        return columns;
    }
}
