package io.basicflow.data;

import io.basicflow.spi.KeywordException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A filter of the data keywords ({@code "status=pending"}, {@code "id = 7 AND (city = 'Berlin' OR city IN
 * ('Rome', 'Paris'))"}, {@code "read = true AND created_at < DATEADD(NOW(), -90, 'day')"}): a small
 * language, never SQL text. It is parsed into a condition tree; each value becomes a bound parameter
 * cast to its column's type, and each column must be one of the table's columns. Anything else is an
 * error that names the position.
 *
 * <pre>
 * filter     = or
 * or         = and { OR and }
 * and        = not { AND not }
 * not        = NOT not | "(" or ")" | condition
 * condition  = operand ( op value | [NOT] IN "(" value { "," value } ")" | [NOT] ( LIKE | ILIKE ) value
 *                     | IS [NOT] NULL )
 * operand    = column | function "(" column ")"     function: DATE YEAR MONTH DAY HOUR MINUTE LOWER UPPER TRIM LENGTH
 * op         = "=" | "==" | "!=" | "&lt;&gt;" | "&lt;" | "&lt;=" | "&gt;" | "&gt;="
 * value      = 'text' | "text" | number | TRUE | FALSE | NULL | NOW() | TODAY()
 *            | DATEADD(value, number, unit) | a bare word up to the next space ( status=pending )
 * </pre>
 */
final class Filter {

    private static final Set<String> OPERATORS = Set.of("=", "==", "!=", "<>", "<", "<=", ">", ">=");

    /** A parsed condition. */
    sealed interface Condition {}

    /** A comparison; {@code function} (null: none) is applied to the column, e.g. {@code DATE(created_at)}. */
    record Compare(String column, String operator, String value, int position, ColumnFunction function)
            implements Condition {
        Compare(String column, String operator, String value, int position) {
            this(column, operator, value, position, null);
        }
    }

    record In(String column, List<String> values, boolean negated, int position, ColumnFunction function)
            implements Condition {
        In(String column, List<String> values, boolean negated, int position) {
            this(column, values, negated, position, null);
        }
    }

    /** {@code [NOT] LIKE} or, {@code ignoreCase}, {@code [NOT] ILIKE} (PostgreSQL's case-insensitive LIKE). */
    record Like(
            String column, String pattern, boolean negated, int position, ColumnFunction function, boolean ignoreCase)
            implements Condition {
        Like(String column, String pattern, boolean negated, int position, ColumnFunction function) {
            this(column, pattern, negated, position, function, false);
        }

        Like(String column, String pattern, boolean negated, int position) {
            this(column, pattern, negated, position, null, false);
        }
    }

    record IsNull(String column, boolean negated, int position, ColumnFunction function) implements Condition {
        IsNull(String column, boolean negated, int position) {
            this(column, negated, position, null);
        }
    }

    record And(Condition left, Condition right) implements Condition {}

    record Or(Condition left, Condition right) implements Condition {}

    record Not(Condition condition) implements Condition {}

    /** The SQL of a condition and its parameters, in order. */
    record Sql(String text, List<String> parameters) {}

    private final String source;
    private final Clock clock;
    private int at;

    private Filter(String source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    /**
     * Parses a filter.
     *
     * @param source the filter text
     * @param clock for NOW() and TODAY()
     * @return the condition tree
     * @throws KeywordException naming the position of what is wrong
     */
    static Condition parse(String source, Clock clock) throws KeywordException {
        Filter filter = new Filter(source, clock);
        Condition condition = filter.or();
        filter.space();
        if (filter.at < source.length()) {
            throw filter.error("expected AND, OR or the end of the filter");
        }
        return condition;
    }

    /**
     * Renders a condition as SQL with parameters.
     *
     * @param condition the tree
     * @param columns the table's columns and their types
     * @param table the table, for messages
     * @return the SQL
     * @throws KeywordException when a column is not the table's
     */
    static Sql render(Condition condition, Map<String, String> columns, String table) throws KeywordException {
        StringBuilder sql = new StringBuilder();
        List<String> parameters = new ArrayList<>();
        render(condition, columns, table, sql, parameters);
        return new Sql(sql.toString(), parameters);
    }

    private static void render(
            Condition condition, Map<String, String> columns, String table, StringBuilder sql, List<String> parameters)
            throws KeywordException {
        switch (condition) {
            case And and -> {
                sql.append('(');
                render(and.left(), columns, table, sql, parameters);
                sql.append(" and ");
                render(and.right(), columns, table, sql, parameters);
                sql.append(')');
            }
            case Or or -> {
                sql.append('(');
                render(or.left(), columns, table, sql, parameters);
                sql.append(" or ");
                render(or.right(), columns, table, sql, parameters);
                sql.append(')');
            }
            case Not not -> {
                sql.append("not (");
                render(not.condition(), columns, table, sql, parameters);
                sql.append(')');
            }
            case Compare compare -> {
                String type = type(compare.column(), columns, table);
                String column = operand(compare.column(), compare.function(), type);
                type = compare.function() == null ? type : compare.function().resultType();
                if (compare.value() == null) {
                    boolean equal =
                            compare.operator().equals("=") || compare.operator().equals("==");
                    boolean different = compare.operator().equals("!=")
                            || compare.operator().equals("<>");
                    if (!equal && !different) {
                        throw KeywordException.permanent("filter: " + shown(compare.column(), compare.function()) + " "
                                + compare.operator()
                                + " NULL compares with nothing; use IS NULL or IS NOT NULL");
                    }
                    sql.append(column).append(equal ? " is null" : " is not null");
                    return;
                }
                String operator = switch (compare.operator()) {
                    case "==" -> "=";
                    case "!=" -> "<>";
                    default -> compare.operator();
                };
                sql.append(column)
                        .append(' ')
                        .append(operator)
                        .append(" cast(? as ")
                        .append(Names.quote(type))
                        .append(')');
                parameters.add(compare.value());
            }
            case In in -> {
                String type = type(in.column(), columns, table);
                sql.append(operand(in.column(), in.function(), type)).append(in.negated() ? " not in (" : " in (");
                type = in.function() == null ? type : in.function().resultType();
                for (int i = 0; i < in.values().size(); i++) {
                    sql.append(i == 0 ? "" : ", ")
                            .append("cast(? as ")
                            .append(Names.quote(type))
                            .append(')');
                    parameters.add(in.values().get(i));
                }
                sql.append(')');
            }
            case Like like -> {
                String type = type(like.column(), columns, table);
                sql.append("cast(")
                        .append(operand(like.column(), like.function(), type))
                        .append(" as text)")
                        .append(like.negated() ? " not " : " ")
                        .append(like.ignoreCase() ? "ilike ?" : "like ?");
                parameters.add(like.pattern());
            }
            case IsNull isNull -> {
                String type = type(isNull.column(), columns, table);
                sql.append(operand(isNull.column(), isNull.function(), type))
                        .append(isNull.negated() ? " is not null" : " is null");
            }
        }
    }

    /** The SQL of a condition's left side: the quoted column, or a function of the fixed list around it. */
    private static String operand(String column, ColumnFunction function, String type) {
        String quoted = Names.quoteRef(column);
        return function == null ? quoted : function.sql(quoted, type);
    }

    static String shown(String column, ColumnFunction function) {
        return function == null ? column : function.name() + "(" + column + ")";
    }

    private static String type(String column, Map<String, String> columns, String table) throws KeywordException {
        String type = columns.get(column);
        if (type == null) {
            throw KeywordException.permanent("filter: table " + table + " has no column " + column + " (its columns: "
                    + String.join(", ", columns.keySet()) + ")");
        }
        return type;
    }

    // ---- parser ----

    private Condition or() throws KeywordException {
        Condition left = and();
        while (word("OR")) {
            left = new Or(left, and());
        }
        return left;
    }

    private Condition and() throws KeywordException {
        Condition left = not();
        while (word("AND")) {
            left = new And(left, not());
        }
        return left;
    }

    private Condition not() throws KeywordException {
        if (word("NOT")) {
            return new Not(not());
        }
        space();
        if (symbol("(")) {
            Condition inner = or();
            if (!symbol(")")) {
                throw error("expected ')'");
            }
            return inner;
        }
        return condition();
    }

    private Condition condition() throws KeywordException {
        space();
        int position = at;
        String column = identifier();
        if (column == null) {
            throw error("expected a column name");
        }
        ColumnFunction function = null;
        space();
        if (at < source.length() && source.charAt(at) == '(') {
            // DATE(created_at) = '2025-01-15': a function of the fixed list around a column
            String name = column;
            function = ColumnFunction.named(name).orElse(null);
            if (function == null || name.indexOf('.') >= 0) {
                at = position;
                throw error("unknown function " + name + " on a column (a filter knows " + ColumnFunction.NAMES + ")");
            }
            symbol("(");
            column = identifier();
            if (column == null) {
                throw error(function.name() + "( needs a column name");
            }
            close(function.name());
        }
        try {
            column = Names.columnRef(column);
        } catch (KeywordException e) {
            throw error(e.getMessage());
        }
        if (word("IS")) {
            boolean negated = word("NOT");
            if (!word("NULL")) {
                throw error("expected NULL after IS");
            }
            return new IsNull(column, negated, position, function);
        }
        boolean negated = word("NOT");
        if (word("IN")) {
            if (!symbol("(")) {
                throw error("expected '(' after IN");
            }
            List<String> values = new ArrayList<>();
            do {
                values.add(value());
            } while (symbol(","));
            if (!symbol(")")) {
                throw error("expected ',' or ')' in the IN list");
            }
            return new In(column, values, negated, position, function);
        }
        boolean ignoreCase = word("ILIKE");
        if (ignoreCase || word("LIKE")) {
            String pattern = value();
            if (pattern == null) {
                throw error((ignoreCase ? "ILIKE" : "LIKE") + " needs a pattern");
            }
            return new Like(column, pattern, negated, position, function, ignoreCase);
        }
        if (negated) {
            throw error("expected IN, LIKE or ILIKE after NOT");
        }
        space();
        String operator = operator();
        if (operator == null) {
            throw error("expected a comparison (=, <>, <, <=, >, >=), IN, LIKE, ILIKE or IS after "
                    + shown(column, function));
        }
        return new Compare(column, operator, value(), position, function);
    }

    /** A value as the text it is bound as; null for NULL. */
    private String value() throws KeywordException {
        space();
        if (at >= source.length()) {
            throw error("expected a value");
        }
        char c = source.charAt(at);
        if (c == '\'' || c == '"') {
            return quoted(c);
        }
        int start = at;
        String name = identifier();
        if (name != null) {
            String upper = name.toUpperCase(Locale.ROOT);
            space();
            boolean call = at < source.length() && source.charAt(at) == '(';
            if (call) {
                return function(upper, start);
            }
            switch (upper) {
                case "TRUE" -> {
                    return "true";
                }
                case "FALSE" -> {
                    return "false";
                }
                case "NULL" -> {
                    return null;
                }
                default -> at = start;
            }
        }
        // A number or a bare word: everything up to the next space, comma or parenthesis.
        while (at < source.length()
                && !Character.isWhitespace(source.charAt(at))
                && ",()".indexOf(source.charAt(at)) < 0) {
            at++;
        }
        if (start == at) {
            throw error("expected a value");
        }
        return source.substring(start, at);
    }

    private String function(String name, int start) throws KeywordException {
        symbol("(");
        switch (name) {
            case "NOW" -> {
                close(name);
                return clock.instant().truncatedTo(ChronoUnit.MICROS).toString();
            }
            case "TODAY" -> {
                close(name);
                return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
            }
            case "DATEADD" -> {
                String base = value();
                expectComma();
                String amountText = value();
                expectComma();
                String unitText = value();
                close(name);
                return dateAdd(base, amountText, unitText, start);
            }
            default -> {
                at = start;
                throw error("unknown function " + name + " (a filter knows NOW(), TODAY() and DATEADD(date, n, unit))");
            }
        }
    }

    private String dateAdd(String base, String amountText, String unitText, int start) throws KeywordException {
        long amount;
        try {
            amount = Long.parseLong(amountText);
        } catch (NumberFormatException | NullPointerException e) {
            at = start;
            throw error("DATEADD needs a whole number of units, not " + amountText);
        }
        String unit = unitText == null ? "" : unitText.toLowerCase(Locale.ROOT);
        if (unit.endsWith("s")) {
            unit = unit.substring(0, unit.length() - 1);
        }
        ChronoUnit chrono = switch (unit) {
            case "second" -> ChronoUnit.SECONDS;
            case "minute" -> ChronoUnit.MINUTES;
            case "hour" -> ChronoUnit.HOURS;
            case "day" -> ChronoUnit.DAYS;
            case "week" -> ChronoUnit.WEEKS;
            case "month" -> ChronoUnit.MONTHS;
            case "year" -> ChronoUnit.YEARS;
            default -> {
                at = start;
                throw error("DATEADD: unknown unit '" + unitText + "' (second, minute, hour, day, week, month, year)");
            }
        };
        try {
            if (base != null && base.length() == 10) {
                return LocalDate.parse(base).plus(amount, chrono).toString();
            }
            LocalDateTime time = base != null && base.endsWith("Z")
                    ? LocalDateTime.ofInstant(Instant.parse(base), ZoneOffset.UTC)
                    : LocalDateTime.parse(String.valueOf(base).replace(' ', 'T'));
            return time.plus(amount, chrono).toInstant(ZoneOffset.UTC).toString();
        } catch (RuntimeException e) {
            at = start;
            throw error("DATEADD needs a date or time, not " + base);
        }
    }

    private void expectComma() throws KeywordException {
        if (!symbol(",")) {
            throw error("expected ','");
        }
    }

    private void close(String name) throws KeywordException {
        if (!symbol(")")) {
            throw error("expected ')' to close " + name + "(");
        }
    }

    private String quoted(char quote) throws KeywordException {
        int start = at;
        at++;
        StringBuilder text = new StringBuilder();
        while (at < source.length()) {
            char c = source.charAt(at++);
            if (c == quote) {
                if (at < source.length() && source.charAt(at) == quote) {
                    text.append(quote); // a doubled quote stands for itself
                    at++;
                    continue;
                }
                return text.toString();
            }
            text.append(c);
        }
        at = start;
        throw error("the text starting here has no closing " + quote);
    }

    private String operator() {
        for (String candidate : List.of("==", "!=", "<>", "<=", ">=", "=", "<", ">")) {
            if (source.startsWith(candidate, at)) {
                at += candidate.length();
                return OPERATORS.contains(candidate) ? candidate : null;
            }
        }
        return null;
    }

    private String identifier() {
        space();
        int start = at;
        if (at < source.length() && (Character.isLetter(source.charAt(at)) || source.charAt(at) == '_')) {
            while (at < source.length() && (Character.isLetterOrDigit(source.charAt(at)) || source.charAt(at) == '_')) {
                at++;
            }
            // table.column, in a join
            if (at + 1 < source.length()
                    && source.charAt(at) == '.'
                    && (Character.isLetter(source.charAt(at + 1)) || source.charAt(at + 1) == '_')) {
                at++;
                while (at < source.length()
                        && (Character.isLetterOrDigit(source.charAt(at)) || source.charAt(at) == '_')) {
                    at++;
                }
            }
            return source.substring(start, at);
        }
        return null;
    }

    private boolean word(String word) {
        space();
        int end = at + word.length();
        if (source.regionMatches(true, at, word, 0, word.length())
                && (end == source.length()
                        || !(Character.isLetterOrDigit(source.charAt(end)) || source.charAt(end) == '_'))) {
            at = end;
            return true;
        }
        return false;
    }

    private boolean symbol(String symbol) {
        space();
        if (source.startsWith(symbol, at)) {
            at += symbol.length();
            return true;
        }
        return false;
    }

    private void space() {
        while (at < source.length() && Character.isWhitespace(source.charAt(at))) {
            at++;
        }
    }

    private KeywordException error(String what) {
        String shown = source.length() > 200 ? source.substring(0, 200) + "…" : source;
        return KeywordException.permanent("filter \"" + shown + "\" at position " + (at + 1) + ": " + what);
    }
}
