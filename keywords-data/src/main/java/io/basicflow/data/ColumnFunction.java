package io.basicflow.data;

import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * A function applied to the column side of a filter condition ({@code DATE(created_at) = '2025-01-15'},
 * {@code LOWER(email) = 'a@b.c'}): one of a fixed list, each rendered from fixed SQL text around the
 * quoted, checked column — a script's text never becomes SQL. The compared value is bound as a parameter
 * cast to the function's result type. Times are read in UTC, as {@code NOW()} and {@code TODAY()} of a
 * filter are.
 */
enum ColumnFunction {
    /** The date of a date or time. */
    DATE("date"),
    /** The year, a whole number. */
    YEAR("int4"),
    /** The month, 1–12. */
    MONTH("int4"),
    /** The day of the month, 1–31. */
    DAY("int4"),
    /** The hour, 0–23. */
    HOUR("int4"),
    /** The minute, 0–59. */
    MINUTE("int4"),
    /** The text in lower case. */
    LOWER("text"),
    /** The text in upper case. */
    UPPER("text"),
    /** The text without leading and trailing spaces. */
    TRIM("text"),
    /** The number of characters of the text ({@code LEN} too). */
    LENGTH("int4");

    private final String resultType;

    ColumnFunction(String resultType) {
        this.resultType = resultType;
    }

    /** The names a filter accepts, for messages. */
    static final String NAMES = "DATE, YEAR, MONTH, DAY, HOUR, MINUTE, LOWER, UPPER, TRIM, LENGTH (LEN)";

    /**
     * The function of a name, if it is one of the list.
     *
     * @param name as written, any case
     * @return the function, or empty
     */
    static Optional<ColumnFunction> named(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (upper.equals("LEN")) {
            return Optional.of(LENGTH);
        }
        for (ColumnFunction function : values()) {
            if (function.name().equals(upper)) {
                return Optional.of(function);
            }
        }
        return Optional.empty();
    }

    /** The PostgreSQL type (udt name) the compared values are cast to. */
    String resultType() {
        return resultType;
    }

    /**
     * The SQL of the function over a column: fixed text around the quoted column.
     *
     * @param quotedColumn the column, already checked and quoted
     * @param columnType its udt name ({@code timestamptz}, {@code date}, {@code text}, …)
     */
    String sql(String quotedColumn, String columnType) {
        return switch (this) {
            case DATE -> "cast(" + time(quotedColumn, columnType) + " as date)";
            case YEAR, MONTH, DAY, HOUR, MINUTE ->
                "cast(extract(" + name().toLowerCase(Locale.ROOT) + " from " + time(quotedColumn, columnType)
                        + ") as int4)";
            case LOWER -> "lower(cast(" + quotedColumn + " as text))";
            case UPPER -> "upper(cast(" + quotedColumn + " as text))";
            case TRIM -> "btrim(cast(" + quotedColumn + " as text))";
            case LENGTH -> "char_length(cast(" + quotedColumn + " as text))";
        };
    }

    /** A column as a time without zone: a {@code timestamptz} in UTC, a text read as a time (its offset, if any, applied). */
    private static String time(String quotedColumn, String columnType) {
        return switch (columnType) {
            case "timestamptz" -> "(" + quotedColumn + " at time zone 'UTC')";
            case "timestamp", "date" -> quotedColumn;
            default -> "(cast(cast(" + quotedColumn + " as text) as timestamptz) at time zone 'UTC')";
        };
    }

    /**
     * The function over a value in memory (a list's element in {@code AGGREGATE list … WHERE}), as the
     * SQL computes it; {@code NULL} for {@code NULL} or a text that is no date where one is needed.
     */
    Value apply(Value value) {
        if (value instanceof NullValue) {
            return NullValue.NULL;
        }
        String text = value.display();
        return switch (this) {
            case LOWER -> new TextValue(text.toLowerCase(Locale.ROOT));
            case UPPER -> new TextValue(text.toUpperCase(Locale.ROOT));
            case TRIM -> new TextValue(text.strip());
            case LENGTH -> IntegerValue.of(text.codePointCount(0, text.length()));
            default -> {
                LocalDateTime time = time(text);
                if (time == null) {
                    yield NullValue.NULL;
                }
                yield switch (this) {
                    case DATE -> new TextValue(time.toLocalDate().toString());
                    case YEAR -> IntegerValue.of(time.getYear());
                    case MONTH -> IntegerValue.of(time.getMonthValue());
                    case DAY -> IntegerValue.of(time.getDayOfMonth());
                    case HOUR -> IntegerValue.of(time.getHour());
                    default -> IntegerValue.of(time.getMinute());
                };
            }
        };
    }

    /** A date or time text in UTC, or null. */
    private static LocalDateTime time(String text) {
        String value = text.strip().replace(' ', 'T');
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay();
            }
            if (value.endsWith("Z")) {
                return LocalDateTime.ofInstant(Instant.parse(value), ZoneOffset.UTC);
            }
            try {
                return OffsetDateTime.parse(value)
                        .withOffsetSameInstant(ZoneOffset.UTC)
                        .toLocalDateTime();
            } catch (DateTimeParseException e) {
                return LocalDateTime.parse(value);
            }
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
