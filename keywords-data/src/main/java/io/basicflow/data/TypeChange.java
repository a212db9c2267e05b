package io.basicflow.data;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which changes of a declared column's type keep every value: a longer {@code varchar}, {@code
 * varchar} to {@code text}, {@code int4} to {@code int8} or {@code numeric}, {@code int8} to {@code
 * numeric}, a {@code numeric} with more digits before the point and the same scale. Every other change
 * (shorter, fewer digits, another kind of type) could lose or refuse values, so a declaration asking
 * for it is refused. Types are written as {@link TableDeclaration.Column#shape()} writes them.
 */
final class TypeChange {

    private static final Pattern SIZED = Pattern.compile("(varchar|numeric)\\((\\d+)(?:,(\\d+))?\\)");

    private TypeChange() {}

    /** Whether a column of type {@code from} can become {@code to} without losing a value. */
    static boolean widens(String from, String to) {
        Matcher old = SIZED.matcher(from);
        Matcher wanted = SIZED.matcher(to);
        if (old.matches() && old.group(1).equals("varchar")) {
            return to.equals("text")
                    || (wanted.matches()
                            && wanted.group(1).equals("varchar")
                            && Integer.parseInt(wanted.group(2)) >= Integer.parseInt(old.group(2)));
        }
        if (old.matches()
                && wanted.matches()
                && old.group(1).equals("numeric")
                && wanted.group(1).equals("numeric")) {
            int oldScale = Integer.parseInt(old.group(3));
            int newScale = Integer.parseInt(wanted.group(3));
            return newScale >= oldScale
                    && Integer.parseInt(wanted.group(2)) - newScale >= Integer.parseInt(old.group(2)) - oldScale;
        }
        return switch (from) {
            case "int4" ->
                to.equals("int8")
                        || to.equals("numeric")
                        || wanted.matches()
                                && wanted.group(1).equals("numeric")
                                && Integer.parseInt(wanted.group(2)) - Integer.parseInt(wanted.group(3)) >= 10;
            case "int8" ->
                to.equals("numeric")
                        || wanted.matches()
                                && wanted.group(1).equals("numeric")
                                && Integer.parseInt(wanted.group(2)) - Integer.parseInt(wanted.group(3)) >= 19;
            default -> false;
        };
    }

    /** Why a change that does not {@link #widens widen} is refused, and what to do. */
    static String why(String from, String to) {
        Matcher old = SIZED.matcher(from);
        Matcher wanted = SIZED.matcher(to);
        boolean sameKind = old.matches() && wanted.matches() && old.group(1).equals(wanted.group(1));
        return (sameKind ? "narrowing it" : "changing its type")
                + " is refused (it could lose data); keep the declared type, or change the column by hand";
    }
}
