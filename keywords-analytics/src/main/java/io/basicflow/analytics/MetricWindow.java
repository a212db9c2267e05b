package io.basicflow.analytics;

import static java.util.Objects.requireNonNull;

import io.basicflow.spi.KeywordException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time window of one {@code QUERY METRICS} call and its buckets.
 *
 * <p>The window ends at the current interval's end (so the rows of {@code "24h" BY "1h"} start on the
 * hour) and reaches back one range; {@code OFFSET n} moves it back {@code n} ranges, so {@code OFFSET 1}
 * is the period just before and never overlaps it. Bucket boundaries are the window's start, every
 * interval boundary (UTC: on the minute, hour, midnight, Monday, first of the month, first of the year)
 * inside the window, and its end; each row is labelled with its bucket's start.
 *
 * @param start the window's first instant
 * @param end the instant just after the window
 * @param starts each bucket's first instant, ascending; the first is {@code start}
 */
record MetricWindow(Instant start, Instant end, List<Instant> starts) {

    /** More rows than this is a mistake in the script (a minute interval over a year). */
    static final int MOST_BUCKETS = 5000;

    private static final Pattern LENGTH =
            Pattern.compile("(\\d+)\\s*(mo|months?|min|minutes?|m|h|hours?|d|days?|w|weeks?|y|years?)");

    MetricWindow {
        requireNonNull(start, "start is null");
        requireNonNull(end, "end is null");
        starts = List.copyOf(starts);
    }

    /** A length of time as the scripts write it: {@code 1h}, {@code 24h}, {@code 7d}, {@code 1w}, {@code 1mo}. */
    record Length(long amount, ChronoUnit unit) {

        static Length parse(String text, String what) throws KeywordException {
            Matcher matcher = LENGTH.matcher(text.strip().toLowerCase(Locale.ROOT));
            if (!matcher.matches() || Long.parseLong(matcher.group(1)) < 1) {
                throw KeywordException.permanent("the " + what + " '" + text + "' is not a length of time; write a"
                        + " number and a unit: \"30min\", \"1h\", \"24h\", \"7d\", \"1w\", \"1mo\" or \"1y\"");
            }
            long amount = Long.parseLong(matcher.group(1));
            String unit = matcher.group(2);
            ChronoUnit chrono = unit.startsWith("mo")
                    ? ChronoUnit.MONTHS
                    : unit.startsWith("m")
                            ? ChronoUnit.MINUTES
                            : switch (unit.charAt(0)) {
                                case 'h' -> ChronoUnit.HOURS;
                                case 'd' -> ChronoUnit.DAYS;
                                case 'w' -> ChronoUnit.WEEKS;
                                default -> ChronoUnit.YEARS;
                            };
            return new Length(amount, chrono);
        }

        ZonedDateTime before(ZonedDateTime time, long times) {
            return time.minus(amount * times, unit);
        }

        ZonedDateTime after(ZonedDateTime time) {
            return time.plus(amount, unit);
        }

        /** The boundary of this length's unit at or before the time (UTC). */
        ZonedDateTime floor(ZonedDateTime time) {
            return switch (unit) {
                case MINUTES -> time.truncatedTo(ChronoUnit.MINUTES);
                case HOURS -> time.truncatedTo(ChronoUnit.HOURS);
                case DAYS -> time.truncatedTo(ChronoUnit.DAYS);
                case WEEKS ->
                    time.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                case MONTHS -> time.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
                default -> time.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
            };
        }

        /** The default interval of a range: hours up to two days, days up to 92 days, then months. */
        static Length defaultFor(ZonedDateTime start, ZonedDateTime end) {
            long hours = ChronoUnit.HOURS.between(start, end);
            return hours <= 48
                    ? new Length(1, ChronoUnit.HOURS)
                    : hours <= 92 * 24 ? new Length(1, ChronoUnit.DAYS) : new Length(1, ChronoUnit.MONTHS);
        }
    }

    /**
     * The window of a range, an optional interval and an offset, at a moment.
     *
     * @param now the engine clock's instant
     * @param range the range text, e.g. {@code "7d"}
     * @param interval the interval text, or empty for the default
     * @param offset how many ranges back, not negative
     */
    static MetricWindow of(Instant now, String range, String interval, long offset) throws KeywordException {
        if (offset < 0) {
            throw KeywordException.permanent("OFFSET must be 0 or more ranges back, was " + offset);
        }
        Length rangeLength = Length.parse(range, "range");
        ZonedDateTime moment = now.atZone(ZoneOffset.UTC);
        Length intervalLength = interval.isBlank()
                ? Length.defaultFor(rangeLength.before(moment, 1), moment)
                : Length.parse(interval, "interval");
        // the end of the interval now runs in: rows start on the interval's boundaries
        ZonedDateTime end = boundaryAfter(intervalLength, moment);
        end = rangeLength.before(end, offset);
        ZonedDateTime start = rangeLength.before(end, 1);
        List<Instant> starts = new ArrayList<>();
        starts.add(start.toInstant());
        ZonedDateTime next = boundaryAfter(intervalLength, start);
        while (next.isBefore(end)) {
            starts.add(next.toInstant());
            if (starts.size() > MOST_BUCKETS) {
                throw KeywordException.permanent("the range '" + range + "' by the interval '" + interval
                        + "' makes more" + " than " + MOST_BUCKETS + " rows; use a longer interval (BY \"1d\")");
            }
            next = boundaryAfter(intervalLength, next);
        }
        return new MetricWindow(start.toInstant(), end.toInstant(), starts);
    }

    /** The first interval boundary strictly after the time: the unit's boundary stepped by the length. */
    private static ZonedDateTime boundaryAfter(Length interval, ZonedDateTime time) {
        ZonedDateTime boundary = interval.floor(time);
        if (interval.amount() > 1) {
            // steps of n units counted from the epoch's boundary, so "15min" falls on :00, :15, :30, :45
            ZonedDateTime origin = interval.floor(Instant.EPOCH.atZone(ZoneOffset.UTC));
            long units = interval.unit().between(origin, boundary);
            boundary = origin.plus(Math.floorDiv(units, interval.amount()) * interval.amount(), interval.unit());
        }
        while (!boundary.isAfter(time)) {
            boundary = interval.after(boundary);
        }
        return boundary;
    }

    /** The buckets' starts as epoch seconds, for PostgreSQL's {@code width_bucket}. */
    double[] thresholds() {
        double[] out = new double[starts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = starts.get(i).toEpochMilli() / 1000.0;
        }
        return out;
    }
}
