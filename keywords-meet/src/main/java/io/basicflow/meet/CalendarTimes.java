package io.basicflow.meet;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time formats of keyword-book.md: {@code 2024-03-15T14:00:00}, {@code 2024-03-15 14:00}, {@code
 * 2024-03-15 2:00 PM}, {@code Monday 10:00}, {@code tomorrow 14:00}, {@code next Tuesday 09:00}, and
 * the days alone ({@code today}, {@code tomorrow}, {@code Friday}, {@code 2024-03-15}) for {@code
 * CHECK_AVAILABILITY}. A day name is the next such day after today ({@code Monday} on a Monday is a
 * week later); {@code next Monday} is the same day.
 */
final class CalendarTimes {

    private static final Pattern TIME = Pattern.compile("(\\d{1,2})(?::(\\d{2}))?(?::(\\d{2}))?\\s*(am|pm)?");

    private CalendarTimes() {}

    /**
     * A date and time.
     *
     * @param text as the page writes it
     * @param today the current day
     * @return the time, empty when the text is not one of the formats or names no time of day
     */
    static Optional<LocalDateTime> dateTime(String text, LocalDate today) {
        String written = text.strip().toLowerCase(Locale.ROOT);
        try {
            return Optional.of(LocalDateTime.parse(written.toUpperCase(Locale.ROOT)));
        } catch (DateTimeParseException ignored) {
            // not ISO 8601: a day and a time
        }
        int space = written.indexOf(' ');
        if (written.startsWith("next ")) {
            space = written.indexOf(' ', 5);
        }
        if (space < 0) {
            return Optional.empty();
        }
        Optional<LocalDate> day = date(written.substring(0, space), today);
        Optional<LocalTime> time = time(written.substring(space + 1).strip());
        return day.isPresent() && time.isPresent() ? Optional.of(day.get().atTime(time.get())) : Optional.empty();
    }

    /**
     * A day.
     *
     * @param text {@code today}, {@code tomorrow}, a day name, {@code next} and a day name, or an ISO date
     * @param today the current day
     * @return the day, empty when the text is none of these
     */
    static Optional<LocalDate> date(String text, LocalDate today) {
        String written = text.strip().toLowerCase(Locale.ROOT);
        switch (written) {
            case "today" -> {
                return Optional.of(today);
            }
            case "tomorrow" -> {
                return Optional.of(today.plusDays(1));
            }
            default -> {
                // a day name or a date, below
            }
        }
        String name = written.startsWith("next ") ? written.substring(5).strip() : written;
        for (DayOfWeek day : DayOfWeek.values()) {
            String full = day.name().toLowerCase(Locale.ROOT);
            if (name.equals(full) || name.equals(full.substring(0, 3))) {
                return Optional.of(today.with(TemporalAdjusters.next(day)));
            }
        }
        try {
            return Optional.of(LocalDate.parse(written, DateTimeFormatter.ISO_LOCAL_DATE));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<LocalTime> time(String text) {
        Matcher matcher = TIME.matcher(text.replace(".", ""));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int hour = Integer.parseInt(matcher.group(1));
        int minute = matcher.group(2) == null ? 0 : Integer.parseInt(matcher.group(2));
        int second = matcher.group(3) == null ? 0 : Integer.parseInt(matcher.group(3));
        String half = matcher.group(4);
        if (half != null) {
            if (hour < 1 || hour > 12) {
                return Optional.empty();
            }
            hour = hour % 12 + (half.equals("pm") ? 12 : 0);
        } else if (matcher.group(2) == null) {
            return Optional.empty(); // "Monday 10" is not a time; "10:00" or "10 am" is
        }
        if (hour > 23 || minute > 59 || second > 59) {
            return Optional.empty();
        }
        return Optional.of(LocalTime.of(hour, minute, second));
    }
}
