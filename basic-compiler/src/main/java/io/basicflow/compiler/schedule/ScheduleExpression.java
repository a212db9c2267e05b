package io.basicflow.compiler.schedule;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of {@code SET SCHEDULE}: a cron expression ({@link Cron}) or one of the English forms of
 * General Bots' reference ({@code "every 15 minutes"}, {@code "every monday at 9am"}, {@code
 * "weekdays at 8am"}, {@code "every 30 minutes during business hours"}, {@code "hourly"}, …), read as
 * the cron expression the reference's table gives for it. Case and extra spaces do not matter.
 *
 * @param text the text as written
 * @param cron the cron expression it means
 */
public record ScheduleExpression(String text, Cron cron) {

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("every minute", "* * * * *"),
            Map.entry("every hour", "0 * * * *"),
            Map.entry("hourly", "0 * * * *"),
            Map.entry("every day", "0 0 * * *"),
            Map.entry("daily", "0 0 * * *"),
            Map.entry("every week", "0 0 * * 0"),
            Map.entry("weekly", "0 0 * * 0"),
            Map.entry("every month", "0 0 1 * *"),
            Map.entry("monthly", "0 0 1 * *"),
            Map.entry("every year", "0 0 1 1 *"),
            Map.entry("yearly", "0 0 1 1 *"),
            Map.entry("business hours", "0 9-17 * * 1-5"),
            Map.entry("every hour during business hours", "0 9-17 * * 1-5"));

    private static final List<String> WEEKDAYS =
            List.of("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday");

    private static final String TIME = "(midnight|noon|\\d{1,2}(?::\\d{2})?\\s*(?:am|pm)?)";
    private static final Pattern EVERY_N = Pattern.compile("every (\\d+) (minutes?|hours?)( during business hours)?");
    private static final Pattern EVERY_HOUR_FROM = Pattern.compile("every hour from (\\d{1,2}) to (\\d{1,2})");
    private static final Pattern DAYS_AT = Pattern.compile(
            "(every day|daily|every weekday|weekdays|weekends|every weekend|every (?:sun|mon|tues|wednes|thurs|fri|satur)day)"
                    + "(?: at " + TIME + ")?");
    private static final Pattern AT = Pattern.compile("at " + TIME);
    private static final Pattern CLOCK = Pattern.compile("(\\d{1,2})(?::(\\d{2}))?\\s*(am|pm)?");

    /**
     * Validates the parts.
     *
     * @param text not null
     * @param cron not null
     */
    public ScheduleExpression {
        requireNonNull(text, "text is null");
        requireNonNull(cron, "cron is null");
    }

    /**
     * Reads the text of a {@code SET SCHEDULE}.
     *
     * @param text a cron expression or an English form
     * @return the expression with its cron reading
     * @throws IllegalArgumentException saying what is wrong and which forms exist
     */
    public static ScheduleExpression parse(String text) {
        requireNonNull(text, "text is null");
        String phrase = text.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (phrase.isEmpty()) {
            throw new IllegalArgumentException("the schedule is empty; give a cron expression such as \"0 9 * * *\""
                    + " or a form such as \"every day at 9am\"");
        }
        if (Character.isDigit(phrase.charAt(0)) || phrase.charAt(0) == '*' || phrase.charAt(0) == '?') {
            return new ScheduleExpression(text, Cron.parse(text));
        }
        return new ScheduleExpression(text, Cron.parse(english(phrase, text)));
    }

    private static String english(String phrase, String text) {
        String alias = ALIASES.get(phrase);
        if (alias != null) {
            return alias;
        }
        Matcher m = EVERY_N.matcher(phrase);
        if (m.matches()) {
            int n = Integer.parseInt(m.group(1));
            boolean minutes = m.group(2).startsWith("minute");
            int limit = minutes ? 59 : 23;
            if (n < 1 || n > limit) {
                throw new IllegalArgumentException(
                        "'" + text + "': the interval must be 1 to " + limit + " " + (minutes ? "minutes" : "hours"));
            }
            String business = m.group(3) == null ? " * * *" : " * * 1-5";
            if (minutes) {
                return "*/" + n + (m.group(3) == null ? " *" : " 9-17") + business;
            }
            if (m.group(3) != null) {
                return "0 9-17/" + n + business;
            }
            return "0 */" + n + business;
        }
        m = EVERY_HOUR_FROM.matcher(phrase);
        if (m.matches()) {
            return "0 " + hour(m.group(1), text) + "-" + hour(m.group(2), text) + " * * *";
        }
        m = DAYS_AT.matcher(phrase);
        if (m.matches()) {
            String days = days(m.group(1));
            int[] clock = m.group(2) == null ? new int[] {0, 0} : clock(m.group(2), text);
            return clock[1] + " " + clock[0] + " * * " + days;
        }
        m = AT.matcher(phrase);
        if (m.matches()) {
            int[] clock = clock(m.group(1), text);
            return clock[1] + " " + clock[0] + " * * *";
        }
        throw new IllegalArgumentException("'" + text + "' is neither a cron expression (such as \"0 9 * * 1-5\") nor"
                + " a known form: every minute, every N minutes, every hour, every N hours, every day, every week,"
                + " every month, every year (or hourly, daily, weekly, monthly, yearly), at 9am, at 14:30, at noon,"
                + " every monday [at 9am], weekdays [at 8am], weekends [at 10am], every day at 6:30pm,"
                + " every hour from 9 to 17, business hours, every N minutes during business hours");
    }

    private static String days(String phrase) {
        return switch (phrase) {
            case "every day", "daily" -> "*";
            case "every weekday", "weekdays" -> "1-5";
            case "weekends", "every weekend" -> "0,6";
            default -> Integer.toString(WEEKDAYS.indexOf(phrase.substring("every ".length())));
        };
    }

    private static int hour(String text, String whole) {
        int hour = Integer.parseInt(text);
        if (hour > 23) {
            throw new IllegalArgumentException("'" + whole + "': " + hour + " is not an hour (0-23)");
        }
        return hour;
    }

    /** Hour and minute of {@code 9am}, {@code 9:30am}, {@code 14:00}, {@code noon}, {@code midnight}. */
    private static int[] clock(String time, String whole) {
        if (time.equals("midnight")) {
            return new int[] {0, 0};
        }
        if (time.equals("noon")) {
            return new int[] {12, 0};
        }
        Matcher m = CLOCK.matcher(time);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + whole + "': '" + time + "' is not a time such as 9am or 14:30");
        }
        int hour = Integer.parseInt(m.group(1));
        int minute = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        String half = m.group(3);
        if (half != null) {
            if (hour < 1 || hour > 12) {
                throw new IllegalArgumentException("'" + whole + "': " + time + " has an hour outside 1-12");
            }
            hour = hour % 12 + (half.equals("pm") ? 12 : 0);
        }
        if (hour > 23 || minute > 59) {
            throw new IllegalArgumentException("'" + whole + "': " + time + " is not a time of day");
        }
        return new int[] {hour, minute};
    }
}
