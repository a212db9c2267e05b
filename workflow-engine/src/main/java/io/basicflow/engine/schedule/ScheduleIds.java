package io.basicflow.engine.schedule;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The execution id of a schedule's tick: {@code schedule:<script>:<hash>:<tick>}, e.g. {@code
 * schedule:reports.daily.bas:3fa2b1c0:20261207T090000Z}. The tick's time is part of the id, so the
 * engine's idempotent start by id makes any number of nodes that race for one tick start one
 * execution. The hash (of the script's name and the schedule as written) keeps two schedules, and two
 * scripts whose names read alike once made id-safe, apart.
 */
public final class ScheduleIds {

    /** What every schedule's execution id starts with. */
    public static final String PREFIX = "schedule:";

    private static final DateTimeFormatter TICK =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private ScheduleIds() {}

    /**
     * The execution id of one tick.
     *
     * @param script the script's name
     * @param expression the schedule as written
     * @param tick the tick's time
     * @return the id
     */
    public static String of(String script, String expression, Instant tick) {
        return scheduleOf(script, expression) + TICK.format(tick);
    }

    /**
     * What the ids of every tick of one schedule start with.
     *
     * @param script the script's name
     * @param expression the schedule as written
     * @return the prefix, ending with {@code :}
     */
    public static String scheduleOf(String script, String expression) {
        return PREFIX + idSafe(script, 120) + ":" + hash(script + "\n" + expression) + ":";
    }

    /** The text with every character an execution id cannot hold made a dot, cut at {@code max}. */
    static String idSafe(String text, int max) {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < text.length() && name.length() < max; i++) {
            char c = text.charAt(i);
            boolean safe = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.';
            name.append(safe ? c : '.');
        }
        return name.toString();
    }

    /** The first 8 hex digits of the text's SHA-256. */
    static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
