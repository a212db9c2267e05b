package io.basicflow.compiler.core;

import static io.basicflow.compiler.core.Arguments.text;
import static io.basicflow.compiler.core.Functions.define;

import io.basicflow.compiler.evaluation.Values;
import io.basicflow.spi.FunctionDefinition;
import io.basicflow.spi.PureFunction;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * Date functions. Dates are ISO text in the clock's zone: {@code 2026-11-25} for a day, {@code
 * 2026-11-25T18:09:00} for a moment (see {@link Dates#parse} for the forms arguments may take).
 */
final class DateFunctions {

    private DateFunctions() {}

    static List<FunctionDefinition> definitions() {
        return List.of(
                define(
                        "NOW",
                        0,
                        0,
                        "NOW(): the current date and time to the second, e.g. 2026-11-25T18:09:00",
                        (args, env) -> new TextValue(
                                Dates.format(LocalDateTime.now(env.clock()).truncatedTo(ChronoUnit.SECONDS)))),
                define(
                        "TODAY",
                        0,
                        0,
                        "TODAY(): the current date, e.g. 2026-11-25",
                        (args, env) -> new TextValue(Dates.format(LocalDate.now(env.clock())))),
                define(
                        "DATEADD",
                        3,
                        3,
                        "DATEADD(date, unit, n), DATEADD(date, n, unit) or DATEADD(unit, n, date): the date"
                                + " moved by n units (day, week, month, quarter, year, hour, minute, second);"
                                + " a date stays a date unless the unit is a time unit",
                        DateFunctions::dateAdd),
                define(
                        "DATEDIFF",
                        2,
                        3,
                        "DATEDIFF(later, earlier[, unit]) = later - earlier, and DATEDIFF(unit, earlier,"
                                + " later) = later - earlier, in whole units elapsed (default days)",
                        DateFunctions::dateDiff),
                define(
                        "DAYS_BETWEEN",
                        2,
                        2,
                        "DAYS_BETWEEN(start, end): the whole days from start to end",
                        (args, env) -> difference(
                                ChronoUnit.DAYS,
                                1,
                                date(args.get(0), "the start date", zone(env)),
                                date(args.get(1), "the end date", zone(env)))),
                define(
                        "DATEVALUE",
                        1,
                        1,
                        "DATEVALUE(text): the date a person wrote (2026-3-5, 05/03/2026, 5 March 2026,"
                                + " today, tomorrow…) as ISO text",
                        (args, env) -> {
                            String text = text(args.get(0), "the date");
                            return new TextValue(Dates.format(Dates.parseHuman(text, env.clock())
                                    .orElseThrow(() -> notADate("the date", args.get(0)))));
                        }),
                part("YEAR", "YEAR(date): the year", LocalDateTime::getYear),
                part("MONTH", "MONTH(date): the month, 1 to 12", LocalDateTime::getMonthValue),
                part("DAY", "DAY(date): the day of the month, 1 to 31", LocalDateTime::getDayOfMonth),
                part("HOUR", "HOUR(date-time or time): the hour, 0 to 23", LocalDateTime::getHour),
                part("MINUTE", "MINUTE(date-time or time): the minute, 0 to 59", LocalDateTime::getMinute),
                part("SECOND", "SECOND(date-time or time): the second, 0 to 59", LocalDateTime::getSecond),
                part(
                        "WEEKDAY",
                        "WEEKDAY(date): the day of the week, 1 (Sunday) to 7 (Saturday), as Visual Basic counts",
                        dateTime -> dateTime.getDayOfWeek().getValue() % 7 + 1),
                define(
                        "TIMEVALUE",
                        1,
                        1,
                        "TIMEVALUE(text): the time a text names (14:30, 14:30:05, 2:30 PM, or a date-time's time) as"
                                + " HH:mm:ss",
                        (args, env) -> new TextValue(java.time.format.DateTimeFormatter.ISO_LOCAL_TIME.format(
                                timeOf(args.get(0), zone(env)).withNano(0)))),
                define(
                        "EOMONTH",
                        2,
                        2,
                        "EOMONTH(date, months): the last day of the month that many months after the date's"
                                + " (0: its own month, -1: the month before), as an ISO date",
                        (args, env) -> {
                            LocalDate day = Dates.dateTime(date(args.get(0), "the date", zone(env)))
                                    .toLocalDate()
                                    .withDayOfMonth(1)
                                    .plusMonths(Arguments.whole(args.get(1), "the months"));
                            return new TextValue(Dates.format(day.withDayOfMonth(day.lengthOfMonth())));
                        }));
    }

    private static ZoneId zone(PureFunction.Environment env) {
        return env.clock().getZone();
    }

    private static FunctionDefinition part(String name, String description, ToIntFunction<LocalDateTime> field) {
        return define(name, 1, 1, description, (args, env) -> {
            Value value = args.get(0);
            String text = text(value, "the date");
            Optional<Temporal> date = Dates.parse(text, zone(env));
            if (date.isPresent()) {
                return IntegerValue.of(field.applyAsInt(Dates.dateTime(date.get())));
            }
            try {
                LocalTime time = LocalTime.parse(text.strip());
                return IntegerValue.of(field.applyAsInt(LocalDate.EPOCH.atTime(time)));
            } catch (DateTimeParseException e) {
                throw notADate("the date", value);
            }
        });
    }

    private static final java.util.regex.Pattern CLOCK_TIME =
            java.util.regex.Pattern.compile("(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s*([AaPp][Mm])?");

    /** TIMEVALUE's reading: a clock time (24-hour, or 12-hour with AM/PM), or a date-time's time. */
    private static LocalTime timeOf(Value value, ZoneId zone) {
        String text = text(value, "the time").strip();
        java.util.regex.Matcher clock = CLOCK_TIME.matcher(text);
        try {
            if (clock.matches()) {
                int hour = Integer.parseInt(clock.group(1));
                if (clock.group(4) != null) {
                    if (hour < 1 || hour > 12) {
                        throw new DateTimeException("hour " + hour + " with AM/PM");
                    }
                    hour = hour % 12 + (clock.group(4).equalsIgnoreCase("PM") ? 12 : 0);
                }
                return LocalTime.of(
                        hour,
                        Integer.parseInt(clock.group(2)),
                        clock.group(3) == null ? 0 : Integer.parseInt(clock.group(3)));
            }
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    "the time must be a time like 14:30:00 or 2:30 PM, but is " + Values.describe(value));
        }
        Optional<Temporal> date = Dates.parse(text, zone);
        if (date.isPresent() && date.get() instanceof LocalDateTime dateTime) {
            return dateTime.toLocalTime();
        }
        throw new IllegalArgumentException(
                "the time must be a time like 14:30:00 or 2:30 PM, but is " + Values.describe(value));
    }

    static Temporal date(Value value, String parameter, ZoneId zone) {
        return Dates.parse(text(value, parameter), zone).orElseThrow(() -> notADate(parameter, value));
    }

    private static IllegalArgumentException notADate(String parameter, Value value) {
        return new IllegalArgumentException(
                parameter + " must be a date like 2026-11-25 or 2026-11-25T18:09:00, but is " + Values.describe(value));
    }

    private static boolean isUnit(Value value) {
        return value instanceof TextValue text && Dates.unit(text.value()).isPresent();
    }

    private static Value dateAdd(List<Value> args, PureFunction.Environment env) {
        int unitIndex = -1;
        for (int i = 0; i < 3 && unitIndex < 0; i++) {
            if (isUnit(args.get(i))) {
                unitIndex = i;
            }
        }
        if (unitIndex < 0) {
            throw new IllegalArgumentException(
                    "DATEADD needs a unit such as \"day\", \"week\", \"month\", \"year\" or \"hour\"");
        }
        int first = unitIndex == 0 ? 1 : 0;
        int second = unitIndex == 2 ? 1 : 2;
        boolean firstIsAmount = args.get(first) instanceof NumberValue
                || (args.get(first) instanceof TextValue text
                        && Values.parseNumber(text.value()).isPresent());
        int amountIndex = firstIsAmount ? first : second;
        int dateIndex = firstIsAmount ? second : first;
        String unitName = ((TextValue) args.get(unitIndex)).value();
        ChronoUnit unit = Dates.unit(unitName).orElseThrow();
        NumberValue amount = Arguments.number(args.get(amountIndex), "the amount");
        if (!(amount instanceof IntegerValue whole)) {
            throw new IllegalArgumentException("the amount must be a whole number, but is " + amount.display());
        }
        Temporal date = date(args.get(dateIndex), "the date", zone(env));
        if (unit.isTimeBased()) {
            date = Dates.dateTime(date);
        }
        try {
            return new TextValue(
                    Dates.format(date.plus(Math.multiplyExact(whole.value(), Dates.unitMultiplier(unitName)), unit)));
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("the resulting date is out of range", e);
        }
    }

    private static Value dateDiff(List<Value> args, PureFunction.Environment env) {
        ZoneId zone = zone(env);
        if (args.size() == 3 && isUnit(args.get(0))) {
            String unitName = ((TextValue) args.get(0)).value();
            return difference(
                    Dates.unit(unitName).orElseThrow(),
                    Dates.unitMultiplier(unitName),
                    date(args.get(1), "the earlier date", zone),
                    date(args.get(2), "the later date", zone));
        }
        ChronoUnit unit = ChronoUnit.DAYS;
        int multiplier = 1;
        if (args.size() == 3) {
            if (!isUnit(args.get(2))) {
                throw new IllegalArgumentException("the unit must be one of day, week, month, quarter, year, hour,"
                        + " minute, second, but is " + Values.describe(args.get(2)));
            }
            String unitName = ((TextValue) args.get(2)).value();
            unit = Dates.unit(unitName).orElseThrow();
            multiplier = Dates.unitMultiplier(unitName);
        }
        return difference(
                unit,
                multiplier,
                date(args.get(1), "the earlier date", zone),
                date(args.get(0), "the later date", zone));
    }

    private static Value difference(ChronoUnit unit, int multiplier, Temporal start, Temporal end) {
        long units;
        if (start instanceof LocalDate startDate && end instanceof LocalDate endDate && unit.isDateBased()) {
            units = unit.between(startDate, endDate);
        } else {
            units = unit.between(Dates.dateTime(start), Dates.dateTime(end));
        }
        return IntegerValue.of(units / multiplier);
    }
}
