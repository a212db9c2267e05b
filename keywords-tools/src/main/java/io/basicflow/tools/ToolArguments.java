package io.basicflow.tools;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.DecimalValue;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import io.basicflow.tools.ToolArgumentException.Kind;
import io.basicflow.tools.ToolArgumentException.Problem;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks the arguments of a tool call against the tool's signature and turns them into the
 * variables the tool script starts with.
 *
 * <p>Values are coerced where they have one clear meaning, and only then:
 *
 * <ul>
 *   <li>text that is a number becomes a number for {@code INTEGER} ({@code "42"} → 42; {@code
 *       "4.5"} is refused) and {@code NUMBER} ({@code "4.5"} → 4.5);
 *   <li>{@code true/false}, {@code yes/no}, {@code sim/não}, {@code 1/0} (any case, as text or
 *       number) become a boolean for {@code BOOLEAN};
 *   <li>a number or boolean becomes its text for {@code STRING} and for a choice ({@code 3} matches
 *       the choice {@code "3"}); a number becomes its digits for {@code PHONE} and {@code ZIPCODE};
 *   <li>a choice matches ignoring case when only one choice matches that way, and becomes the
 *       choice as declared ({@code "HIGH"} → {@code "high"});
 *   <li>formatted text is trimmed and normalised: e-mail and UUID lower case, time zero-padded
 *       {@code HH:MM}, phone {@code +} and digits only, postal code upper case; a date must already
 *       be ISO {@code YYYY-MM-DD} (day-first and month-first dates cannot be told apart);
 *   <li>text holding a JSON object or array becomes a map or list for {@code OBJECT} and {@code
 *       ARRAY}.
 * </ul>
 *
 * <p>A {@code NULL} argument counts as left out. A left-out optional parameter becomes a {@code
 * NULL} variable; a left-out required one is a problem. Named arguments match parameter names
 * exactly, else ignoring case (script identifiers are case-insensitive).
 */
public final class ToolArguments {

    private static final Pattern TIME = Pattern.compile("([01]?[0-9]|2[0-3]):([0-5][0-9])");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(?:\\.[^@\\s.]+)+");
    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final int MAX_SHOWN_TEXT = 60;
    private static final int MAX_PLAIN_DIGITS = 1000;

    private ToolArguments() {}

    /**
     * Checks named arguments, as an LLM host or the HTTP API sends them.
     *
     * @param signature the tool's signature
     * @param arguments the arguments by parameter name, any case
     * @return the variables for the tool script: every parameter by its name, in declared order,
     *     {@code NULL} for a left-out optional one
     * @throws ToolArgumentException listing every problem found
     */
    public static Map<String, Value> validate(ToolSignature signature, Map<String, ? extends Value> arguments) {
        requireNonNull(signature, "signature is null");
        requireNonNull(arguments, "arguments is null");
        Map<String, Value> given = new LinkedHashMap<>();
        Map<String, String> givenAs = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (Map.Entry<String, ? extends Value> argument : arguments.entrySet()) {
            String key = requireNonNull(argument.getKey(), "argument name is null");
            Optional<ToolParameter> parameter = signature.parameters().stream()
                    .filter(p -> p.name().equals(key))
                    .findFirst()
                    .or(() -> signature.parameter(key));
            if (parameter.isEmpty()) {
                problems.add(new Problem(key, Kind.UNKNOWN, unknownMessage(signature, key)));
                continue;
            }
            String name = parameter.get().name();
            String earlier = givenAs.putIfAbsent(name, key);
            if (earlier != null) {
                problems.add(new Problem(
                        name,
                        Kind.DUPLICATE,
                        "'" + name + "' is given twice (as '" + earlier + "' and as '" + key + "')"));
                continue;
            }
            given.put(name, requireNonNull(argument.getValue(), "argument value is null"));
        }
        return finish(signature, given, problems);
    }

    /**
     * Checks positional arguments, as {@code r = USE TOOL "name", a, b} passes them: the first
     * argument goes to the first declared parameter, and so on. A single map argument is taken as
     * named arguments, unless the first parameter is itself an {@code OBJECT}.
     *
     * @param signature the tool's signature
     * @param arguments the arguments in order
     * @return the variables for the tool script, as {@link #validate(ToolSignature, Map)} returns
     * @throws ToolArgumentException listing every problem found
     */
    public static Map<String, Value> validate(ToolSignature signature, List<? extends Value> arguments) {
        requireNonNull(signature, "signature is null");
        requireNonNull(arguments, "arguments is null");
        List<ToolParameter> parameters = signature.parameters();
        if (arguments.size() == 1
                && arguments.getFirst() instanceof MapValue named
                && (parameters.isEmpty() || parameters.getFirst().parameterType() != ParameterType.OBJECT)) {
            return validate(signature, named.entries());
        }
        Map<String, Value> given = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            Value argument = requireNonNull(arguments.get(i), "argument is null");
            if (i < parameters.size()) {
                given.put(parameters.get(i).name(), argument);
            } else {
                problems.add(new Problem(
                        "#" + (i + 1),
                        Kind.TOO_MANY,
                        "got " + arguments.size() + " arguments but the tool takes at most " + parameters.size()));
                break;
            }
        }
        return finish(signature, given, problems);
    }

    private static Map<String, Value> finish(
            ToolSignature signature, Map<String, Value> given, List<Problem> problems) {
        Map<String, Value> variables = new LinkedHashMap<>();
        for (ToolParameter parameter : signature.parameters()) {
            Value value = given.getOrDefault(parameter.name(), NullValue.NULL);
            if (value instanceof NullValue) {
                if (parameter.required()) {
                    String how = given.containsKey(parameter.name()) ? "was NULL" : "is missing";
                    problems.add(new Problem(
                            parameter.name(),
                            Kind.MISSING,
                            "'" + parameter.name() + "' is required but " + how + " (" + expected(parameter) + ")"));
                }
                variables.put(parameter.name(), NullValue.NULL);
                continue;
            }
            switch (coerce(parameter, value)) {
                case Coercion.Accepted accepted -> variables.put(parameter.name(), accepted.value());
                case Coercion.Rejected rejected ->
                    problems.add(new Problem(parameter.name(), rejected.kind(), rejected.message()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ToolArgumentException(signature, problems);
        }
        return Collections.unmodifiableMap(variables);
    }

    private static String unknownMessage(ToolSignature signature, String key) {
        List<String> names =
                signature.parameters().stream().map(ToolParameter::name).toList();
        if (names.isEmpty()) {
            return "unknown parameter '" + key + "': the tool takes no parameters";
        }
        List<String> nearby = NearbyNames.find(key, names, 3);
        String hint = nearby.isEmpty() ? "" : " (did you mean '" + nearby.getFirst() + "'?)";
        return "unknown parameter '" + key + "'" + hint + "; the tool takes " + String.join(", ", names);
    }

    /** The outcome of coercing one value to one parameter's type. */
    sealed interface Coercion {
        /**
         * The value fits, normalised.
         *
         * @param value the value the variable gets
         */
        record Accepted(Value value) implements Coercion {}

        /**
         * The value does not fit.
         *
         * @param kind the kind of problem
         * @param message a sentence naming the parameter, what it expects and what it got
         */
        record Rejected(Kind kind, String message) implements Coercion {}
    }

    /**
     * Coerces one non-null value to a parameter's type.
     *
     * @param parameter the parameter
     * @param value the value, not {@code NULL}
     * @return the normalised value, or why it does not fit
     */
    static Coercion coerce(ToolParameter parameter, Value value) {
        return switch (parameter.parameterType()) {
            case STRING, UNKNOWN -> text(parameter, value);
            case INTEGER -> integer(parameter, value);
            case NUMBER -> number(parameter, value);
            case BOOLEAN -> bool(parameter, value);
            case DATE -> formatted(parameter, value, false, ToolArguments::date);
            case TIME -> formatted(parameter, value, false, ToolArguments::time);
            case EMAIL -> formatted(parameter, value, false, ToolArguments::email);
            case URL -> formatted(parameter, value, false, ToolArguments::url);
            case UUID -> formatted(parameter, value, false, ToolArguments::uuid);
            case PHONE -> formatted(parameter, value, true, ToolArguments::phone);
            case ZIPCODE -> formatted(parameter, value, true, ToolArguments::zipcode);
            case ENUM -> choice(parameter, value);
            case OBJECT -> structured(parameter, value, MapValue.class, '{', "an object (a map)");
            case ARRAY -> structured(parameter, value, ListValue.class, '[', "a list");
        };
    }

    private static Coercion accept(Value value) {
        return new Coercion.Accepted(value);
    }

    private static Coercion.Rejected reject(ToolParameter parameter, Kind kind, Value got) {
        return new Coercion.Rejected(
                kind, "'" + parameter.name() + "' must be " + expected(parameter) + ", got " + describe(got));
    }

    /** The text of a scalar: text as is, a number or boolean as displayed; none for a list or map. */
    private static Optional<String> scalarText(Value value) {
        return switch (value) {
            case TextValue text -> Optional.of(text.value());
            case NumberValue number -> Optional.of(numberText(number));
            case BooleanValue bool -> Optional.of(bool.display());
            case NullValue ignored -> Optional.empty();
            case ListValue ignored -> Optional.empty();
            case MapValue ignored -> Optional.empty();
        };
    }

    private static Coercion text(ToolParameter parameter, Value value) {
        return scalarText(value)
                .<Coercion>map(text -> accept(Value.text(text)))
                .orElseGet(() -> reject(parameter, Kind.WRONG_TYPE, value));
    }

    private static Coercion integer(ToolParameter parameter, Value value) {
        Optional<BigDecimal> number = numeric(value);
        if (number.isEmpty()) {
            return reject(parameter, Kind.WRONG_TYPE, value);
        }
        BigDecimal decimal = number.get();
        if (decimal.signum() != 0 && decimal.stripTrailingZeros().scale() > 0) {
            return reject(parameter, Kind.WRONG_TYPE, value);
        }
        return accept(NumberValue.of(decimal));
    }

    private static Coercion number(ToolParameter parameter, Value value) {
        return numeric(value)
                .<Coercion>map(decimal -> accept(NumberValue.of(decimal)))
                .orElseGet(() -> reject(parameter, Kind.WRONG_TYPE, value));
    }

    private static Optional<BigDecimal> numeric(Value value) {
        return switch (value) {
            case IntegerValue number -> Optional.of(number.toBigDecimal());
            case DecimalValue number -> Optional.of(number.toBigDecimal());
            case TextValue text -> {
                String trimmed = text.value().trim();
                // BigDecimal also reads "1e3"; refuse hex, NaN and the like by shape first.
                if (!trimmed.matches("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]{1,4})?")) {
                    yield Optional.empty();
                }
                yield Optional.of(new BigDecimal(trimmed));
            }
            case NullValue ignored -> Optional.empty();
            case BooleanValue ignored -> Optional.empty();
            case ListValue ignored -> Optional.empty();
            case MapValue ignored -> Optional.empty();
        };
    }

    private static Coercion bool(ToolParameter parameter, Value value) {
        Optional<Boolean> result = switch (value) {
            case BooleanValue bool -> Optional.of(bool.value());
            case IntegerValue number
            when number.value() == 0 || number.value() == 1 -> Optional.of(number.value() == 1);
            case TextValue text ->
                switch (text.value().trim().toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "sim", "1" -> Optional.of(true);
                    case "false", "no", "não", "nao", "0" -> Optional.of(false);
                    default -> Optional.empty();
                };
            case IntegerValue ignored -> Optional.empty();
            case DecimalValue ignored -> Optional.empty();
            case NullValue ignored -> Optional.empty();
            case ListValue ignored -> Optional.empty();
            case MapValue ignored -> Optional.empty();
        };
        return result.<Coercion>map(b -> accept(BooleanValue.of(b)))
                .orElseGet(() -> reject(parameter, Kind.WRONG_TYPE, value));
    }

    /** Checks text against a format; numbers are allowed as text only where digits make sense. */
    private static Coercion formatted(ToolParameter parameter, Value value, boolean numbersToo, Format format) {
        String text;
        if (value instanceof TextValue given) {
            text = given.value().trim();
        } else if (numbersToo && value instanceof IntegerValue number) {
            text = numberText(number);
        } else {
            return reject(parameter, Kind.WRONG_TYPE, value);
        }
        return format.normalise(text)
                .<Coercion>map(normalised -> accept(Value.text(normalised)))
                .orElseGet(() -> reject(parameter, Kind.BAD_FORMAT, value));
    }

    @FunctionalInterface
    private interface Format {
        Optional<String> normalise(String text);
    }

    private static Optional<String> date(String text) {
        try {
            return Optional.of(LocalDate.parse(text).toString());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> time(String text) {
        Matcher matcher = TIME.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%02d:%s", Integer.parseInt(matcher.group(1)), matcher.group(2)));
    }

    private static Optional<String> email(String text) {
        return EMAIL.matcher(text).matches() ? Optional.of(text.toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    private static Optional<String> url(String text) {
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null) {
                return Optional.empty();
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && (uri.getHost() == null)) {
                return Optional.empty();
            }
            return Optional.of(text);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> uuid(String text) {
        return UUID.matcher(text).matches() ? Optional.of(text.toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    private static Optional<String> phone(String text) {
        if (!ToolSchema.PHONE_PATTERN.matcher(text).matches()) {
            return Optional.empty();
        }
        String digits = text.chars()
                .filter(Character::isDigit)
                .mapToObj(Character::toString)
                .collect(Collectors.joining());
        return Optional.of(text.startsWith("+") ? "+" + digits : digits);
    }

    private static Optional<String> zipcode(String text) {
        return ToolSchema.ZIPCODE_PATTERN.matcher(text).matches()
                ? Optional.of(text.toUpperCase(Locale.ROOT))
                : Optional.empty();
    }

    private static Coercion choice(ToolParameter parameter, Value value) {
        Optional<String> text = scalarText(value);
        if (text.isEmpty()) {
            return reject(parameter, Kind.WRONG_TYPE, value);
        }
        String given = text.get();
        if (parameter.choices().contains(given)) {
            return accept(Value.text(given));
        }
        List<String> ignoringCase = parameter.choices().stream()
                .filter(choice -> choice.equalsIgnoreCase(given.trim()))
                .toList();
        if (ignoringCase.size() == 1) {
            return accept(Value.text(ignoringCase.getFirst()));
        }
        return reject(parameter, Kind.NOT_IN_CHOICES, value);
    }

    private static Coercion structured(
            ToolParameter parameter, Value value, Class<? extends Value> kind, char opening, String what) {
        if (kind.isInstance(value)) {
            return accept(value);
        }
        if (value instanceof TextValue text && text.value().trim().startsWith(String.valueOf(opening))) {
            try {
                Value parsed = JsonValues.parse(text.value());
                if (kind.isInstance(parsed)) {
                    return accept(parsed);
                }
            } catch (JsonProcessingException e) {
                return new Coercion.Rejected(
                        Kind.WRONG_TYPE,
                        "'" + parameter.name() + "' must be " + what + ", got text that is not valid JSON ("
                                + e.getOriginalMessage() + ")");
            }
        }
        return reject(parameter, Kind.WRONG_TYPE, value);
    }

    /**
     * A number as text: as displayed, unless that would be absurdly long ({@code 1e999999999}
     * written out is a gigabyte of zeros), then in scientific notation.
     */
    private static String numberText(NumberValue number) {
        if (number instanceof DecimalValue decimal
                && decimal.value().precision() + (long) Math.abs(decimal.value().scale()) > MAX_PLAIN_DIGITS) {
            return decimal.value().toString();
        }
        return number.display();
    }

    /** What a parameter expects, for messages: {@code a whole number}, {@code one of "a", "b"}. */
    static String expected(ToolParameter parameter) {
        return switch (parameter.parameterType()) {
            case STRING, UNKNOWN -> "text";
            case INTEGER -> "a whole number";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case DATE -> "a date as YYYY-MM-DD";
            case TIME -> "a time as HH:MM";
            case EMAIL -> "an e-mail address";
            case URL -> "an absolute URL such as https://example.com/page";
            case UUID -> "a UUID such as 123e4567-e89b-12d3-a456-426614174000";
            case PHONE -> "a phone number of 7 to 15 digits, optionally starting with +";
            case ZIPCODE -> "a postal code of 3 to 10 letters, digits, spaces or dashes";
            case ENUM ->
                "one of "
                        + parameter.choices().stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(", "));
            case OBJECT -> "an object (a map)";
            case ARRAY -> "a list";
        };
    }

    private static String describe(Value value) {
        return switch (value) {
            case NullValue ignored -> "NULL";
            case BooleanValue bool -> bool.display();
            case NumberValue number -> numberText(number);
            case TextValue text -> {
                String shown = text.value().length() > MAX_SHOWN_TEXT
                        ? text.value().substring(0, MAX_SHOWN_TEXT) + "…"
                        : text.value();
                yield "\"" + shown + "\"";
            }
            case ListValue list -> "a list of " + list.elements().size();
            case MapValue map -> "a map";
        };
    }
}
