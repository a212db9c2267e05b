package io.basicflow.engine.schedule;

import io.basicflow.compiler.schedule.ScheduleExpression;
import io.basicflow.spi.value.Value;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the {@code when} of a run-time {@code SET SCHEDULE when, "script.bas"} and makes the
 * registration: a date-time ({@code DATEADD(NOW(), 3, "day")}, {@code "2026-12-10 09:00"}) starts the
 * script once at that time; a schedule ({@code "0 8 * * 1"}, {@code "every day at 9am"}, the forms of
 * {@link ScheduleExpression}) starts it on every tick.
 */
public final class ScheduleRegistrations {

    /** What every one-shot registration's id (and the id of the execution it starts) begins with. */
    public static final String ONCE_PREFIX = "at:";

    /** What every recurring registration's id begins with. */
    public static final String EVERY_PREFIX = "every:";

    private static final Pattern SPACE_TIME =
            Pattern.compile("(\\d{4}-\\d{2}-\\d{2}) (\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?)");

    private ScheduleRegistrations() {}

    /**
     * The registration of one step.
     *
     * @param when the evaluated {@code when}
     * @param key the registering step's idempotency key ({@code executionId/sequence})
     * @param registeredBy the registering execution
     * @param script the started script's name, as resolved
     * @param source its text
     * @param variablesJson its variables, a JSON object
     * @param now the engine's time
     * @param zone the zone a date-time without offset is read in (that of {@code NOW()})
     * @return the registration
     * @throws ScheduleRefusedException when {@code when} is neither a date-time nor a schedule
     */
    public static ScheduleRegistration of(
            Value when,
            String key,
            String registeredBy,
            String script,
            String source,
            String variablesJson,
            Instant now,
            ZoneId zone) {
        String text = when.display().strip();
        Optional<Instant> at = dateTime(text, zone);
        ScheduleExpression expression = at.isPresent() ? null : expression(text);
        if (at.isPresent()) {
            String id = ONCE_PREFIX + ScheduleIds.idSafe(key, 150) + ":" + ScheduleIds.hash(key);
            return new ScheduleRegistration(
                    id, script, source, variablesJson, Optional.empty(), Optional.empty(), at.get(), registeredBy);
        }
        String id = EVERY_PREFIX
                + ScheduleIds.idSafe(script, 120)
                + ":"
                + ScheduleIds.hash(script + "\n" + expression.text() + "\n" + variablesJson);
        return new ScheduleRegistration(
                id,
                script,
                source,
                variablesJson,
                Optional.of(expression.text()),
                Optional.of(expression.cron().text()),
                now.truncatedTo(ChronoUnit.SECONDS),
                registeredBy);
    }

    /**
     * What the ids of the handler starts of one publication begin with ({@code on:<key>:<hash>:}); each
     * handler's start adds a hash of its script and line. The publication's key makes the ids the same
     * when a publication is repeated, so a handler starts once per publication.
     *
     * @param publishKey the publication's idempotency key
     * @return the prefix, ending with {@code :}
     */
    public static String handlerStartPrefix(String publishKey) {
        return "on:" + ScheduleIds.idSafe(publishKey, 100) + ":" + ScheduleIds.hash(publishKey) + ":";
    }

    /**
     * The part of a handler start's id that names the handler.
     *
     * @param handler the handler
     * @return a hash of its script and line
     */
    public static String handlerKey(EventHandler handler) {
        return ScheduleIds.hash(handler.script() + "\n" + handler.line());
    }

    /**
     * Checks a {@code when} before its script is looked for.
     *
     * @param when the evaluated {@code when}
     * @param zone the zone a date-time without offset is read in
     * @throws ScheduleRefusedException when it is neither a date-time nor a schedule
     */
    public static void requireValid(Value when, ZoneId zone) {
        String text = when.display().strip();
        if (dateTime(text, zone).isEmpty()) {
            expression(text);
        }
    }

    private static ScheduleExpression expression(String text) {
        try {
            return ScheduleExpression.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ScheduleRefusedException("SET SCHEDULE: '" + text + "' is neither a date-time (such as"
                    + " DATEADD(NOW(), 3, \"day\") or \"2026-12-24 09:00\") nor a schedule (" + e.getMessage() + ")");
        }
    }

    /**
     * A date ({@code 2026-12-10}: its midnight) or date-time ({@code 2026-12-10T09:00:00}, with a space
     * instead of the {@code T}, with an offset or {@code Z}) as {@code NOW()} and {@code DATEADD} write
     * them; a time without offset is in {@code zone}.
     */
    static Optional<Instant> dateTime(String text, ZoneId zone) {
        String iso = SPACE_TIME.matcher(text).matches() ? text.replaceFirst(" ", "T") : text;
        try {
            return Optional.of(OffsetDateTime.parse(iso).toInstant());
        } catch (DateTimeException ignored) {
            // not with an offset
        }
        try {
            return Optional.of(LocalDateTime.parse(iso).atZone(zone).toInstant());
        } catch (DateTimeException ignored) {
            // not a local date-time
        }
        try {
            return Optional.of(LocalDate.parse(iso).atStartOfDay(zone).toInstant());
        } catch (DateTimeException ignored) {
            return Optional.empty();
        }
    }
}
