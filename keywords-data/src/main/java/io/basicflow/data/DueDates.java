package io.basicflow.data;

import io.basicflow.spi.KeywordException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The due dates {@code CREATE TASK} takes (keyword-create-task.md's "Date Formats"): {@code 2024-01-15},
 * {@code 01/15/2024}, {@code today}, {@code tomorrow}, {@code next week}, {@code next month}, {@code end of
 * month}, {@code in 3 days} (days, weeks, months), a weekday ({@code Monday}, {@code next Friday}: the next
 * such day after today). Relative dates count from the step's clock, and the date is recorded with the
 * step, so a resumed run keeps the first run's date.
 */
final class DueDates {

    private static final Pattern ISO = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})(?:[T ].*)?");
    private static final DateTimeFormatter US = DateTimeFormatter.ofPattern("M/d/uuuu");
    private static final Pattern IN = Pattern.compile("in\\s+(\\d{1,4})\\s+(day|days|week|weeks|month|months)");
    private static final Pattern WEEKDAY =
            Pattern.compile("(?:next\\s+)?(monday|tuesday|wednesday|thursday|friday" + "|saturday|sunday)");

    private DueDates() {}

    /**
     * The date a text names.
     *
     * @param written the text as the script gave it; empty for no due date
     * @param today the step's date
     * @return the date, empty when none was given
     * @throws KeywordException naming the text and the forms understood
     */
    static Optional<LocalDate> parse(String written, LocalDate today) throws KeywordException {
        String text = written.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            Matcher iso = ISO.matcher(text);
            if (iso.matches()) {
                return Optional.of(LocalDate.parse(iso.group(1)));
            }
            if (text.matches("\\d{1,2}/\\d{1,2}/\\d{4}")) {
                return Optional.of(LocalDate.parse(text, US));
            }
        } catch (DateTimeParseException e) {
            throw unknown(written);
        }
        switch (text) {
            case "today" -> {
                return Optional.of(today);
            }
            case "tomorrow" -> {
                return Optional.of(today.plusDays(1));
            }
            case "next week" -> {
                return Optional.of(today.plusWeeks(1));
            }
            case "next month" -> {
                return Optional.of(today.plusMonths(1));
            }
            case "end of month" -> {
                return Optional.of(today.with(TemporalAdjusters.lastDayOfMonth()));
            }
            default -> {}
        }
        Matcher in = IN.matcher(text);
        if (in.matches()) {
            int count = Integer.parseInt(in.group(1));
            return Optional.of(
                    switch (in.group(2).charAt(0)) {
                        case 'd' -> today.plusDays(count);
                        case 'w' -> today.plusWeeks(count);
                        default -> today.plusMonths(count);
                    });
        }
        Matcher weekday = WEEKDAY.matcher(text);
        if (weekday.matches()) {
            DayOfWeek day = DayOfWeek.valueOf(weekday.group(1).toUpperCase(Locale.ROOT));
            return Optional.of(today.with(TemporalAdjusters.next(day)));
        }
        throw unknown(written);
    }

    private static KeywordException unknown(String written) {
        return KeywordException.permanent("the due date '" + written + "' is not a date basicflow"
                + " reads; write 2024-01-15, 01/15/2024, today, tomorrow, next week, next month, end of month,"
                + " in 3 days (or weeks, months), or a weekday such as Monday or next Friday");
    }
}
