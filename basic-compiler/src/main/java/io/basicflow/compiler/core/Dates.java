package io.basicflow.compiler.core;

import java.text.Normalizer;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates and times as basicflow scripts hold them: ISO-8601 text in the clock's zone, {@code
 * 2026-11-25} for a date and {@code 2026-11-25T18:09:00} for a date and time. Parsing accepts the
 * common ways people write dates; see {@link #parse(String, ZoneId)} and {@link #parseHuman(String,
 * Clock)}.
 */
final class Dates {

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT);
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT);

    private static final Pattern YEAR_FIRST = Pattern.compile("(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})"
            + "(?:[T ]+(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?\\s*(Z|[+-]\\d{2}:?\\d{2})?)?");
    private static final Pattern DAY_OR_MONTH_FIRST = Pattern.compile(
            "(\\d{1,2})([-/.])(\\d{1,2})\\2(\\d{4}|\\d{2})(?:[T ,]+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?");

    private static final Pattern ORDINAL = Pattern.compile("(\\d{1,4})(st|nd|rd|th|o|a|º|ª)?");

    private static final Map<String, Integer> MONTHS = months();
    private static final Map<String, ChronoUnit> UNITS = units();

    private Dates() {}

    /**
     * Parses a date or date-time written in one of the forms scripts and APIs use.
     *
     * <ul>
     *   <li>year first: {@code 2026-11-25}, {@code 2026-3-5}, {@code 2026/11/25}, optionally with a
     *       time {@code 2026-11-25T18:09}, {@code 2026-11-25 18:09:30.5}; a trailing {@code Z} or
     *       offset converts the instant to {@code zone};
     *   <li>day or month first with {@code /}, {@code -} or {@code .}: {@code 25/11/2026}, {@code
     *       25-11-26}, optionally with a time. Day first unless only month first makes sense ({@code
     *       11/25/2026}); two-digit years 00–69 are 2000–2069, 70–99 are 1970–1999.
     * </ul>
     *
     * @return a {@link LocalDate} or {@link LocalDateTime}, or empty when the text is not such a date
     *     (or names a day that does not exist, like {@code 2026-02-30})
     */
    static Optional<Temporal> parse(String text, ZoneId zone) {
        String trimmed = text.strip();
        try {
            Matcher yearFirst = YEAR_FIRST.matcher(trimmed);
            if (yearFirst.matches()) {
                LocalDate date = LocalDate.of(
                        Integer.parseInt(yearFirst.group(1)),
                        Integer.parseInt(yearFirst.group(3)),
                        Integer.parseInt(yearFirst.group(4)));
                if (yearFirst.group(5) == null) {
                    return Optional.of(date);
                }
                LocalDateTime dateTime = date.atTime(time(yearFirst.group(5), yearFirst.group(6), yearFirst.group(7)));
                if (yearFirst.group(8) != null) {
                    String fraction = (yearFirst.group(8) + "000000000").substring(0, 9);
                    dateTime = dateTime.withNano(Integer.parseInt(fraction));
                }
                String offset = yearFirst.group(9);
                if (offset != null) {
                    dateTime = OffsetDateTime.of(dateTime, ZoneOffset.of(offset))
                            .atZoneSameInstant(zone)
                            .toLocalDateTime();
                }
                return Optional.of(dateTime);
            }
            Matcher other = DAY_OR_MONTH_FIRST.matcher(trimmed);
            if (other.matches()) {
                int first = Integer.parseInt(other.group(1));
                int second = Integer.parseInt(other.group(3));
                int year = year(other.group(4));
                boolean monthFirst = first <= 12 && second > 12;
                LocalDate date = monthFirst ? LocalDate.of(year, first, second) : LocalDate.of(year, second, first);
                if (other.group(5) == null) {
                    return Optional.of(date);
                }
                return Optional.of(date.atTime(time(other.group(5), other.group(6), other.group(7))));
            }
        } catch (DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static LocalTime time(String hours, String minutes, String seconds) {
        return LocalTime.of(
                Integer.parseInt(hours), Integer.parseInt(minutes), seconds == null ? 0 : Integer.parseInt(seconds));
    }

    private static int year(String digits) {
        int year = Integer.parseInt(digits);
        if (digits.length() == 2) {
            return year < 70 ? 2000 + year : 1900 + year;
        }
        return year;
    }

    /**
     * Parses a date the way a person types it: everything {@link #parse} accepts, the relative words
     * {@code today}/{@code hoje}/{@code hoy}, {@code tomorrow}/{@code amanhã}/{@code mañana},
     * {@code yesterday}/{@code ontem}/{@code ayer}, and a day with a month name in English,
     * Portuguese or Spanish ({@code 25 December 2026}, {@code Dec 25, 2026}, {@code 25 de dezembro de
     * 2026}, {@code 3rd March}); without a year, the current year.
     *
     * @return the date or date-time, or empty when the text is not a date
     */
    static Optional<Temporal> parseHuman(String text, Clock clock) {
        Optional<Temporal> plain = parse(text, clock.getZone());
        if (plain.isPresent()) {
            return plain;
        }
        String folded = fold(text).replaceAll("\\s+", " ");
        LocalDate today = LocalDate.now(clock);
        switch (folded) {
            case "today", "hoje", "hoy" -> {
                return Optional.of(today);
            }
            case "tomorrow", "amanha", "manana" -> {
                return Optional.of(today.plusDays(1));
            }
            case "yesterday", "ontem", "ayer" -> {
                return Optional.of(today.minusDays(1));
            }
            default -> {
                return withMonthName(folded, today);
            }
        }
    }

    private static Optional<Temporal> withMonthName(String folded, LocalDate today) {
        Integer month = null;
        List<String> numbers = new ArrayList<>();
        for (String token : folded.split("[\\s,./-]+")) {
            if (token.isEmpty() || token.equals("de") || token.equals("of") || token.equals("the")) {
                continue;
            }
            Matcher ordinal = ORDINAL.matcher(token);
            if (ordinal.matches()) {
                numbers.add(ordinal.group(1));
            } else if (MONTHS.containsKey(token) && month == null) {
                month = MONTHS.get(token);
            } else {
                return Optional.empty();
            }
        }
        if (month == null || numbers.isEmpty() || numbers.size() > 2) {
            return Optional.empty();
        }
        String day = numbers.get(0);
        String year = numbers.size() == 2 ? numbers.get(1) : null;
        if (day.length() == 4 && year != null) { // "2026 December 25"
            String swap = day;
            day = year;
            year = swap;
        }
        if (day.length() > 2 || (year != null && year.length() != 4 && year.length() != 2)) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.of(year == null ? today.getYear() : year(year), month, Integer.parseInt(day)));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Lower case, accents removed, trimmed: how words are compared. */
    static String fold(String text) {
        String decomposed = Normalizer.normalize(text.strip(), Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
    }

    /**
     * Writes a date or date-time as ISO text.
     *
     * @param temporal a {@link LocalDate} or {@link LocalDateTime}
     * @return {@code 2026-11-25} or {@code 2026-11-25T18:09:00}
     */
    static String format(Temporal temporal) {
        return switch (temporal) {
            case LocalDate date -> DATE.format(date);
            case LocalDateTime dateTime -> DATE_TIME.format(dateTime);
            default -> throw new IllegalStateException("unexpected temporal " + temporal);
        };
    }

    /** A date promoted to the start of its day, or a date-time as it is. */
    static LocalDateTime dateTime(Temporal temporal) {
        return temporal instanceof LocalDate date ? date.atStartOfDay() : (LocalDateTime) temporal;
    }

    /**
     * The unit a name stands for: {@code day}/{@code days}/{@code d}/{@code dd}, {@code week}/{@code
     * w}/{@code ww}/{@code wk}, {@code month}/{@code m}/{@code mm}, {@code quarter}/{@code q},
     * {@code year}/{@code yyyy}/{@code yy}/{@code y}, {@code hour}/{@code h}/{@code hh}, {@code
     * minute}/{@code mi}/{@code n}/{@code min}, {@code second}/{@code s}/{@code ss}/{@code sec}, also
     * their plurals and Portuguese names (dia, semana, mês, ano, hora, minuto, segundo). A quarter is
     * returned as {@link ChronoUnit#MONTHS}; see {@link #unitMultiplier(String)}.
     *
     * @return the unit, or empty when the name is not one
     */
    static Optional<ChronoUnit> unit(String name) {
        return Optional.ofNullable(UNITS.get(fold(name)));
    }

    /** 3 for quarters (which {@link #unit} maps to months), otherwise 1. */
    static int unitMultiplier(String name) {
        String folded = fold(name);
        return folded.equals("q") || folded.startsWith("quarter") || folded.startsWith("trimestre") ? 3 : 1;
    }

    /**
     * Converts a BASIC-style date pattern to a {@link DateTimeFormatter}: {@code YYYY}/{@code yyyy}
     * year, {@code YY}/{@code yy} two-digit year, {@code M}…{@code MMMM} month (number, short and
     * full name), {@code D}/{@code DD}/{@code d}/{@code dd} day of month, {@code ddd}/{@code dddd}
     * and {@code E}…{@code EEEE} weekday name, {@code H}/{@code HH} hour 0–23, {@code h}/{@code hh}
     * hour 1–12, {@code m}/{@code mm} minute, {@code s}/{@code ss} second, {@code S}… fraction,
     * {@code AM/PM}, {@code tt} or {@code a} the half-day marker. Any other letter is literal text
     * ({@code yyyy-MM-ddTHH:mm} keeps the {@code T}); text in single quotes is literal.
     *
     * @throws IllegalArgumentException when the pattern cannot be used
     */
    static DateTimeFormatter formatter(String pattern, Locale locale) {
        StringBuilder java = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (pattern.regionMatches(true, i, "AM/PM", 0, 5)) {
                java.append('a');
                i += 5;
                continue;
            }
            if (c == '\'') {
                int end = pattern.indexOf('\'', i + 1);
                String literal = end < 0 ? pattern.substring(i + 1) : pattern.substring(i + 1, end);
                quote(literal, java);
                i = end < 0 ? pattern.length() : end + 1;
                continue;
            }
            int run = 1;
            while (i + run < pattern.length() && pattern.charAt(i + run) == c) {
                run++;
            }
            String token = switch (c) {
                case 'Y', 'y' -> run == 2 ? "yy" : "yyyy";
                case 'M' -> "M".repeat(Math.min(run, 4));
                case 'D', 'd' -> run <= 2 ? "d".repeat(run) : run == 3 ? "EEE" : "EEEE";
                case 'E' -> run <= 3 ? "EEE" : "EEEE";
                case 'H' -> "H".repeat(Math.min(run, 2));
                case 'h' -> "h".repeat(Math.min(run, 2));
                case 'm' -> "m".repeat(Math.min(run, 2));
                case 's' -> "s".repeat(Math.min(run, 2));
                case 'S' -> "S".repeat(Math.min(run, 9));
                case 't' -> run == 2 ? "a" : null;
                case 'a' -> "a";
                default -> null;
            };
            if (token == null) {
                if (Character.isLetter(c)) {
                    quote(String.valueOf(c).repeat(run), java);
                } else {
                    for (int k = 0; k < run; k++) {
                        java.append(c);
                    }
                }
            } else {
                java.append(token);
            }
            i += run;
        }
        try {
            return DateTimeFormatter.ofPattern(java.toString(), locale);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "the date pattern \"" + pattern + "\" is not valid: " + e.getMessage(), e);
        }
    }

    private static void quote(String literal, StringBuilder java) {
        if (literal.isEmpty()) {
            java.append("''");
        } else {
            java.append('\'').append(literal.replace("'", "''")).append('\'');
        }
    }

    /** Whether a temporal can be printed with a formatter (a date has no hours). */
    static String format(Temporal temporal, DateTimeFormatter formatter) {
        try {
            return formatter.format(temporal);
        } catch (DateTimeException e) {
            return formatter.format(dateTime(temporal));
        }
    }

    private static Map<String, Integer> months() {
        Map<String, Integer> months = new HashMap<>();
        String[][] names = {
            {"january", "jan", "janeiro", "enero", "ene"},
            {"february", "feb", "fevereiro", "fev", "febrero"},
            {"march", "mar", "marco", "marzo"},
            {"april", "apr", "abril", "abr"},
            {"may", "maio", "mai", "mayo"},
            {"june", "jun", "junho", "junio"},
            {"july", "jul", "julho", "julio"},
            {"august", "aug", "agosto", "ago"},
            {"september", "sep", "sept", "setembro", "set", "septiembre", "setiembre"},
            {"october", "oct", "outubro", "out", "octubre"},
            {"november", "nov", "novembro", "noviembre"},
            {"december", "dec", "dezembro", "dez", "diciembre", "dic"}
        };
        for (int i = 0; i < names.length; i++) {
            for (String name : names[i]) {
                months.put(name, i + 1);
            }
        }
        return Map.copyOf(months);
    }

    private static Map<String, ChronoUnit> units() {
        Map<String, ChronoUnit> units = new HashMap<>();
        put(units, ChronoUnit.DAYS, "day", "days", "d", "dd", "dia", "dias");
        put(units, ChronoUnit.WEEKS, "week", "weeks", "w", "ww", "wk", "semana", "semanas");
        put(units, ChronoUnit.MONTHS, "month", "months", "m", "mm", "mes", "meses");
        put(units, ChronoUnit.MONTHS, "quarter", "quarters", "q", "trimestre", "trimestres");
        put(units, ChronoUnit.YEARS, "year", "years", "yyyy", "yy", "y", "ano", "anos");
        put(units, ChronoUnit.HOURS, "hour", "hours", "h", "hh", "hora", "horas");
        put(units, ChronoUnit.MINUTES, "minute", "minutes", "mi", "n", "min", "mins", "minuto", "minutos");
        put(units, ChronoUnit.SECONDS, "second", "seconds", "s", "ss", "sec", "secs", "segundo", "segundos");
        return Map.copyOf(units);
    }

    private static void put(Map<String, ChronoUnit> units, ChronoUnit unit, String... names) {
        for (String name : names) {
            units.put(name, unit);
        }
    }
}
