package io.basicflow.compiler.schedule;

import static java.util.Objects.requireNonNull;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;
import java.util.Optional;

/**
 * A cron expression: five fields ({@code minute hour day-of-month month day-of-week}) or six, with
 * seconds first ({@code second minute hour day-of-month month day-of-week}, the form General Bots'
 * scripts use, e.g. {@code "0 30 22 * * *"}). Each field is {@code *} (or {@code ?}), a number, a
 * range {@code a-b}, a step {@code *}{@code /n} or {@code a-b/n} or {@code a/n}, or a comma list of
 * those; months and days of the week also take their English three-letter names ({@code JAN}, {@code
 * MON}); Sunday is 0 or 7. As in Vixie cron, when both the day of the month and the day of the week
 * are restricted, a day matching either one fires.
 *
 * <p>Immutable; {@link #next} is computed in a given time zone and returns an instant.
 */
public final class Cron {

    private static final String[] MONTHS = {
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"
    };
    private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

    /** How far {@link #next} looks ahead before it decides that an expression never fires. */
    private static final int SEARCH_YEARS = 8;

    private final String text;
    private final boolean withSeconds;
    private final BitSet seconds;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean anyDayOfMonth;
    private final boolean anyDayOfWeek;

    private Cron(String text, String[] fields) {
        this.text = text;
        this.withSeconds = fields.length == 6;
        int i = 0;
        this.seconds = withSeconds ? field(fields[i++], "second", 0, 59, null) : single(0);
        this.minutes = field(fields[i++], "minute", 0, 59, null);
        this.hours = field(fields[i++], "hour", 0, 23, null);
        String dayOfMonth = fields[i++];
        this.daysOfMonth = field(dayOfMonth, "day of the month", 1, 31, null);
        this.months = field(fields[i++], "month", 1, 12, MONTHS);
        String dayOfWeek = fields[i];
        BitSet week = field(dayOfWeek, "day of the week", 0, 7, DAYS);
        if (week.get(7)) {
            week.set(0);
            week.clear(7);
        }
        this.daysOfWeek = week;
        this.anyDayOfMonth = isAny(dayOfMonth);
        this.anyDayOfWeek = isAny(dayOfWeek);
    }

    /**
     * Parses a cron expression of five or six fields.
     *
     * @param expression the expression, fields separated by white space
     * @return the expression
     * @throws IllegalArgumentException saying which field is wrong and why
     */
    public static Cron parse(String expression) {
        requireNonNull(expression, "expression is null");
        String trimmed = expression.trim();
        String[] fields = trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
        if (fields.length != 5 && fields.length != 6) {
            throw new IllegalArgumentException("a cron expression has 5 fields (minute hour day month weekday) or 6"
                    + " (second first), but '" + expression + "' has " + fields.length);
        }
        Cron cron = new Cron(String.join(" ", fields), fields);
        if (cron.next(Instant.parse("2000-01-01T00:00:00Z"), java.time.ZoneOffset.UTC)
                .isEmpty()) {
            throw new IllegalArgumentException("the cron expression '" + expression + "' never fires (no such date)");
        }
        return cron;
    }

    /**
     * The expression, fields separated by one space.
     *
     * @return the normalised text
     */
    public String text() {
        return text;
    }

    /**
     * Whether the expression has a seconds field.
     *
     * @return true for six fields
     */
    public boolean hasSeconds() {
        return withSeconds;
    }

    /**
     * The first time strictly after {@code after} that the expression matches, read in {@code zone}.
     * A local time that a daylight-saving gap skips fires at the same instant as the gap's end.
     *
     * @param after the exclusive lower bound
     * @param zone the zone the fields are read in
     * @return the next fire time, empty when none exists within eight years
     */
    public Optional<Instant> next(Instant after, ZoneId zone) {
        requireNonNull(after, "after is null");
        requireNonNull(zone, "zone is null");
        LocalDateTime t = LocalDateTime.ofInstant(after, zone)
                .truncatedTo(ChronoUnit.SECONDS)
                .plusSeconds(1);
        int limitYear = t.getYear() + SEARCH_YEARS;
        while (t.getYear() <= limitYear) {
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
                continue;
            }
            if (!dayMatches(t.toLocalDate())) {
                t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
                continue;
            }
            if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
                continue;
            }
            if (!minutes.get(t.getMinute())) {
                t = t.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
                continue;
            }
            if (!seconds.get(t.getSecond())) {
                t = t.plusSeconds(1);
                continue;
            }
            Instant found = ZonedDateTime.ofLocal(t, zone, null).toInstant();
            if (found.isAfter(after)) {
                return Optional.of(found);
            }
            t = t.plusSeconds(1); // a local time repeated by a daylight-saving overlap, already passed
        }
        return Optional.empty();
    }

    private boolean dayMatches(LocalDate date) {
        boolean dom = daysOfMonth.get(date.getDayOfMonth());
        int weekday = date.getDayOfWeek() == DayOfWeek.SUNDAY
                ? 0
                : date.getDayOfWeek().getValue();
        boolean dow = daysOfWeek.get(weekday);
        if (anyDayOfMonth || anyDayOfWeek) {
            return dom && dow;
        }
        return dom || dow;
    }

    private static boolean isAny(String field) {
        return field.equals("*") || field.equals("?");
    }

    private static BitSet single(int value) {
        BitSet bits = new BitSet();
        bits.set(value);
        return bits;
    }

    private static BitSet field(String field, String name, int min, int max, String[] names) {
        BitSet bits = new BitSet(max + 1);
        for (String part : field.split(",", -1)) {
            if (part.isEmpty()) {
                throw new IllegalArgumentException("the " + name + " field '" + field + "' has an empty list item");
            }
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(part.substring(slash + 1), name, 1, max - min + 1, null, field);
            }
            int from;
            int to;
            if (isAny(range)) {
                from = min;
                to = max == 7 ? 6 : max;
            } else {
                int dash = range.indexOf('-', 1);
                if (dash >= 0) {
                    from = number(range.substring(0, dash), name, min, max, names, field);
                    to = number(range.substring(dash + 1), name, min, max, names, field);
                    if (to < from) {
                        throw new IllegalArgumentException(
                                "the " + name + " range '" + range + "' ends before it starts (" + field + ")");
                    }
                } else {
                    from = number(range, name, min, max, names, field);
                    to = slash >= 0 ? (max == 7 ? 6 : max) : from;
                }
            }
            for (int v = from; v <= to; v += step) {
                bits.set(v);
            }
        }
        return bits;
    }

    private static int number(String text, String name, int min, int max, String[] names, String field) {
        if (names != null) {
            String upper = text.toUpperCase(Locale.ROOT);
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(upper)) {
                    return names == MONTHS ? i + 1 : i;
                }
            }
        }
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the " + name + " field '" + field + "' has '" + text
                    + "', which is not a number" + (names == null ? "" : " or a name such as " + names[1]));
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    "the " + name + " field '" + field + "' has " + value + ", outside " + min + "-" + max);
        }
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cron cron && cron.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
