package io.basicflow.compiler.core;

import io.basicflow.spi.InputTypeDefinition;
import io.basicflow.spi.InputValidator.Accepted;
import io.basicflow.spi.InputValidator.Rejected;
import io.basicflow.spi.InputValidator.Result;
import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built-in types of {@code HEAR x AS TYPE}. Each validator trims the input, accepts the common
 * ways people type the thing, normalises it, and otherwise answers with a message that shows an
 * example of what it accepts.
 */
final class InputTypes {

    private static final Pattern EMAIL =
            Pattern.compile("[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,}");
    private static final Pattern TIME = Pattern.compile(
            "(\\d{1,2})(?:\\s*(?::|h|\\.)\\s*(\\d{2}))?(?::(\\d{2}))?" // hours, minutes, seconds
                    + "\\s*(?:h|hs|hrs|horas?)?\\s*(am|pm|a\\.m\\.|p\\.m\\.)?"); // "9h", "9 pm"
    private static final Pattern CURRENCY =
            Pattern.compile("(?i)(R\\$|US\\$|\\$|€|£|¥|\\bBRL\\b|\\bUSD\\b|\\bEUR\\b|\\bGBP\\b)");
    private static final Pattern PHONE_CHARACTERS = Pattern.compile("\\+?[0-9 ().\\-]+");
    private static final Pattern UUID_TEXT = Pattern.compile(
            "\\{?([0-9a-fA-F]{8})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{12})}?");
    private static final Pattern CANADIAN_POSTAL_CODE = Pattern.compile("([A-Z]\\d[A-Z]) ?(\\d[A-Z]\\d)");
    private static final Pattern UK_POSTCODE = Pattern.compile("([A-Z]{1,2}\\d[A-Z\\d]?) ?(\\d[A-Z]{2})");
    private static final Pattern DUTCH_POSTAL_CODE = Pattern.compile("(\\d{4}) ?([A-Z]{2})");
    private static final Set<String> YES = Set.of("yes", "y", "sim", "s", "si", "true", "1");
    private static final Set<String> NO = Set.of("no", "n", "nao", "false", "0");
    private static final Set<String> NAME_PARTICLES = Set.of(
            "da", "das", "de", "del", "della", "der", "di", "do", "dos", "du", "e", "la", "le", "van", "von", "y");

    private InputTypes() {}

    static List<InputTypeDefinition> definitions() {
        return List.of(
                new InputTypeDefinition(
                        "STRING",
                        List.of("TEXT"),
                        (input, clock) -> new Accepted(new TextValue(input.strip())),
                        "any text, trimmed"),
                new InputTypeDefinition(
                        "INTEGER",
                        List.of("NUMBER"),
                        InputTypes::integer,
                        "a whole number; thousands separators allowed (1,234 or 1.234 or 1 234)"),
                new InputTypeDefinition(
                        "FLOAT",
                        List.of("DECIMAL"),
                        InputTypes::decimal,
                        "a number with a decimal point or comma (3.5 or 3,5); thousands separators allowed"),
                new InputTypeDefinition(
                        "BOOLEAN",
                        List.of(),
                        InputTypes::bool,
                        "yes/no, y/n, sim/não, s/n, true/false, 1/0, in any case → TRUE or FALSE"),
                new InputTypeDefinition("EMAIL", List.of(), InputTypes::email, "an e-mail address, lower-cased"),
                new InputTypeDefinition(
                        "DATE",
                        List.of(),
                        InputTypes::date,
                        "a date (2026-12-25, 25/12/2026, 12/25/2026 when only month first makes sense,"
                                + " 25 December 2026, today, tomorrow, yesterday, hoje, amanhã, ontem)"
                                + " → 2026-12-25"),
                new InputTypeDefinition(
                        "HOUR",
                        List.of("TIME"),
                        InputTypes::time,
                        "a time of day (9, 9:30, 09h30, 9pm, 21:05, noon) → HH:MM"),
                new InputTypeDefinition(
                        "MONEY",
                        List.of(),
                        InputTypes::money,
                        "an amount (1234.56, 1.234,56, R$ 1.234,56, $1,234.56) → a number rounded to cents"),
                new InputTypeDefinition(
                        "MOBILE",
                        List.of("PHONE"),
                        InputTypes::phone,
                        "a phone number of 8 to 15 digits; with a country code (+ or 00) → +5511999999999,"
                                + " without → its digits"),
                new InputTypeDefinition(
                        "ZIPCODE",
                        List.of(),
                        InputTypes::zipCode,
                        "a postal code: 12345, 12345-6789, 12345-678 (Brazil), 1234-567, 1234, 123456,"
                                + " A1A 1A1 (Canada), SW1A 1AA (UK), 1234 AB (Netherlands)"),
                new InputTypeDefinition(
                        "URL",
                        List.of(),
                        InputTypes::url,
                        "an http or https address; www.example.com gets https:// in front"),
                new InputTypeDefinition(
                        "UUID", List.of(), InputTypes::uuid, "a UUID, with or without dashes → lower case"),
                new InputTypeDefinition(
                        "NAME",
                        List.of(),
                        InputTypes::name,
                        "a person's name: letters (accents too), spaces, apostrophes, hyphens, dots; spacing"
                                + " normalised, typographic apostrophes made plain, all-lower or all-upper input"
                                + " capitalised (particles such as da, de, van stay lower case)"));
    }

    // ---- numbers -----------------------------------------------------------------------------

    /**
     * Parses a number as people type it. With both {@code .} and {@code ,}, the later one is the
     * decimal separator. With only one of them: several occurrences are thousands separators; a single
     * one followed by exactly three digits after 1–3 digits other than {@code 0} is a thousands
     * separator ({@code 1,234} and {@code 1.234} are 1234); otherwise it is the decimal separator
     * ({@code 3,5} is 3.5). Spaces between digit groups are ignored.
     */
    static Optional<BigDecimal> parseLocalisedNumber(String input) {
        String text = input.strip().replaceAll("[\\s\\u00A0\\u202F]", "");
        boolean negative = false;
        if (text.startsWith("-") || text.startsWith("+")) {
            negative = text.charAt(0) == '-';
            text = text.substring(1);
        }
        if (text.isEmpty() || !text.matches("[0-9.,]+") || !text.matches(".*[0-9].*")) {
            return Optional.empty();
        }
        int lastDot = text.lastIndexOf('.');
        int lastComma = text.lastIndexOf(',');
        String integerPart;
        String fraction;
        char grouping;
        if (lastDot >= 0 && lastComma >= 0) {
            int decimal = Math.max(lastDot, lastComma);
            grouping = lastDot > lastComma ? ',' : '.';
            integerPart = text.substring(0, decimal);
            fraction = text.substring(decimal + 1);
        } else if (lastDot >= 0 || lastComma >= 0) {
            char separator = lastDot >= 0 ? '.' : ',';
            int position = Math.max(lastDot, lastComma);
            long occurrences = text.chars().filter(c -> c == separator).count();
            String before = text.substring(0, position);
            String after = text.substring(position + 1);
            boolean thousands = occurrences > 1
                    || (after.length() == 3 && !before.isEmpty() && before.length() <= 3 && !before.equals("0"));
            if (thousands) {
                grouping = separator;
                integerPart = text;
                fraction = "";
            } else {
                grouping = 0;
                integerPart = before;
                fraction = after;
            }
        } else {
            grouping = 0;
            integerPart = text;
            fraction = "";
        }
        if (!fraction.matches("[0-9]*") || (integerPart.isEmpty() && fraction.isEmpty())) {
            return Optional.empty();
        }
        String digits = grouping == 0 ? integerPart : ungroup(integerPart, grouping);
        if (digits == null || !digits.matches("[0-9]*")) {
            return Optional.empty();
        }
        BigDecimal number =
                new BigDecimal((digits.isEmpty() ? "0" : digits) + (fraction.isEmpty() ? "" : "." + fraction));
        return Optional.of(negative ? number.negate() : number);
    }

    /** Removes thousands separators when every group after the first has three digits. */
    private static String ungroup(String text, char separator) {
        String[] groups = text.split(Pattern.quote(String.valueOf(separator)), -1);
        if (groups[0].isEmpty() || groups[0].length() > 3) {
            return null;
        }
        for (int i = 1; i < groups.length; i++) {
            if (groups[i].length() != 3) {
                return null;
            }
        }
        return String.join("", groups);
    }

    private static Result integer(String input, Clock clock) {
        Optional<BigDecimal> number = parseLocalisedNumber(input);
        if (number.isPresent()) {
            BigDecimal value = number.get().stripTrailingZeros();
            if (value.signum() == 0 || value.scale() <= 0) {
                return new Accepted(NumberValue.of(value));
            }
        }
        return new Rejected("Please enter a whole number, like 42.");
    }

    private static Result decimal(String input, Clock clock) {
        return parseLocalisedNumber(input)
                .<Result>map(number -> new Accepted(NumberValue.of(number)))
                .orElseGet(() -> new Rejected("Please enter a number, like 3.5."));
    }

    private static Result money(String input, Clock clock) {
        String amount = CURRENCY.matcher(input).replaceAll(" ").strip();
        if (amount.startsWith("-")) {
            amount = "-" + amount.substring(1).strip();
        }
        Optional<BigDecimal> number = parseLocalisedNumber(amount);
        if (number.isEmpty()) {
            return new Rejected("Please enter an amount, like 1234.56 or 1.234,56.");
        }
        BigDecimal value = number.get();
        if (value.stripTrailingZeros().scale() > 2) {
            return new Rejected("Please enter an amount with at most two decimal places, like 1234.56.");
        }
        return new Accepted(NumberValue.of(value.setScale(2, RoundingMode.UNNECESSARY)));
    }

    // ---- words -------------------------------------------------------------------------------

    private static Result bool(String input, Clock clock) {
        String answer = Dates.fold(input).replaceAll("[.!]+$", "").strip();
        if (YES.contains(answer)) {
            return new Accepted(BooleanValue.TRUE);
        }
        if (NO.contains(answer)) {
            return new Accepted(BooleanValue.FALSE);
        }
        return new Rejected("Please answer yes or no.");
    }

    private static Result email(String input, Clock clock) {
        String address = input.strip().toLowerCase(Locale.ROOT);
        if (address.startsWith("mailto:")) {
            address = address.substring("mailto:".length());
        }
        if (address.length() <= 254 && EMAIL.matcher(address).matches() && address.indexOf('@') <= 64) {
            return new Accepted(new TextValue(address));
        }
        return new Rejected("Please enter a valid e-mail address, like name@example.com.");
    }

    private static Result date(String input, Clock clock) {
        Optional<Temporal> date = Dates.parseHuman(input, clock);
        if (date.isPresent()) {
            LocalDate day =
                    date.get() instanceof LocalDateTime dateTime ? dateTime.toLocalDate() : (LocalDate) date.get();
            return new Accepted(new TextValue(Dates.format(day)));
        }
        return new Rejected("Please enter a date, like 25/12/2026 or 2026-12-25.");
    }

    private static Result time(String input, Clock clock) {
        String text = Dates.fold(input);
        switch (text) {
            case "noon", "midday", "meio-dia", "meio dia", "mediodia" -> {
                return new Accepted(new TextValue("12:00"));
            }
            case "midnight", "meia-noite", "meia noite", "medianoche" -> {
                return new Accepted(new TextValue("00:00"));
            }
            default -> {}
        }
        Matcher matcher = TIME.matcher(text);
        if (matcher.matches()) {
            int hour = Integer.parseInt(matcher.group(1));
            int minute = matcher.group(2) == null ? 0 : Integer.parseInt(matcher.group(2));
            String half = matcher.group(4);
            boolean valid = minute <= 59;
            if (half != null) {
                valid &= hour >= 1 && hour <= 12;
                boolean pm = half.startsWith("p");
                hour = hour % 12 + (pm ? 12 : 0);
            } else {
                valid &= hour <= 23;
            }
            if (valid) {
                return new Accepted(new TextValue(String.format(Locale.ROOT, "%02d:%02d", hour, minute)));
            }
        }
        return new Rejected("Please enter a time, like 9:30, 14:00 or 9pm.");
    }

    private static Result phone(String input, Clock clock) {
        String text = input.strip();
        if (PHONE_CHARACTERS.matcher(text).matches()) {
            String digits = text.replaceAll("[^0-9]", "");
            boolean international = text.startsWith("+") || digits.startsWith("00");
            if (!text.startsWith("+") && digits.startsWith("00")) {
                digits = digits.substring(2);
            }
            if (digits.length() >= 8 && digits.length() <= 15) {
                return new Accepted(new TextValue(international ? "+" + digits : digits));
            }
        }
        return new Rejected("Please enter a phone number with 8 to 15 digits, like +55 11 99999-9999.");
    }

    private static Result zipCode(String input, Clock clock) {
        String code = input.strip().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (code.matches("\\d{5}(-\\d{4})?|\\d{4}|\\d{6}|\\d{4}-\\d{3}|\\d{5}-\\d{3}")) {
            return new Accepted(new TextValue(code));
        }
        if (code.matches("\\d{8}")) { // a Brazilian CEP typed without its dash
            return new Accepted(new TextValue(code.substring(0, 5) + "-" + code.substring(5)));
        }
        if (code.matches("\\d{5}\\.\\d{3}|\\d{2}\\.\\d{3}-\\d{3}")) {
            String digits = code.replaceAll("[^0-9]", "");
            return new Accepted(new TextValue(digits.substring(0, 5) + "-" + digits.substring(5)));
        }
        Matcher canada = CANADIAN_POSTAL_CODE.matcher(code);
        if (canada.matches()) {
            return new Accepted(new TextValue(canada.group(1) + " " + canada.group(2)));
        }
        Matcher uk = UK_POSTCODE.matcher(code);
        if (uk.matches()) {
            return new Accepted(new TextValue(uk.group(1) + " " + uk.group(2)));
        }
        Matcher netherlands = DUTCH_POSTAL_CODE.matcher(code);
        if (netherlands.matches()) {
            return new Accepted(new TextValue(netherlands.group(1) + " " + netherlands.group(2)));
        }
        return new Rejected("Please enter a valid postal code, like 12345, 12345-6789 or 01310-100.");
    }

    private static Result url(String input, Clock clock) {
        String text = input.strip();
        if (!text.contains("://") && text.matches("(?i)[a-z0-9-]+(\\.[a-z0-9-]+)+([/?#].*)?")) {
            text = "https://" + text;
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost();
            if ((scheme.equals("http") || scheme.equals("https"))
                    && host != null
                    && (host.contains(".") || host.equalsIgnoreCase("localhost"))
                    && !host.startsWith(".")
                    && !host.endsWith(".")) {
                return new Accepted(new TextValue(text));
            }
        } catch (URISyntaxException e) {
            // falls through to the rejection
        }
        return new Rejected("Please enter a web address starting with http:// or https://, like https://example.com.");
    }

    private static Result uuid(String input, Clock clock) {
        Matcher matcher = UUID_TEXT.matcher(input.strip());
        if (matcher.matches() && input.strip().startsWith("{") == input.strip().endsWith("}")) {
            String uuid = String.join(
                            "-",
                            matcher.group(1),
                            matcher.group(2),
                            matcher.group(3),
                            matcher.group(4),
                            matcher.group(5))
                    .toLowerCase(Locale.ROOT);
            return new Accepted(new TextValue(uuid));
        }
        return new Rejected("Please enter a UUID, like 123e4567-e89b-12d3-a456-426614174000.");
    }

    private static Result name(String input, Clock clock) {
        String name = input.strip().replaceAll("\\s+", " ").replace('’', '\'');
        boolean valid = !name.isEmpty() && Character.isLetter(name.codePointAt(0));
        int letters = 0;
        for (int i = 0; i < name.length() && valid; i++) {
            char c = name.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
            } else if (Character.getType(c) != Character.NON_SPACING_MARK
                    && Character.getType(c) != Character.COMBINING_SPACING_MARK
                    && c != ' '
                    && c != '\''
                    && c != '-'
                    && c != '.') {
                valid = false;
            }
        }
        if (!valid || letters < 2) {
            return new Rejected("Please enter a name using letters, like Maria da Silva.");
        }
        boolean uniformCase = name.equals(name.toLowerCase(Locale.ROOT)) || name.equals(name.toUpperCase(Locale.ROOT));
        return new Accepted(new TextValue(uniformCase ? capitalise(name) : name));
    }

    /** Title case for names: {@code maria DA silva} → {@code Maria da Silva}, {@code o'brien} → {@code O'Brien}. */
    private static String capitalise(String name) {
        String[] words = name.toLowerCase(Locale.ROOT).split(" ");
        StringBuilder out = new StringBuilder();
        for (int w = 0; w < words.length; w++) {
            if (w > 0) {
                out.append(' ');
            }
            String word = words[w];
            if (w > 0 && NAME_PARTICLES.contains(word)) {
                out.append(word);
                continue;
            }
            boolean start = true;
            for (int i = 0; i < word.length(); i++) {
                char c = word.charAt(i);
                out.append(start && Character.isLetter(c) ? Character.toUpperCase(c) : c);
                start = c == '-' || c == '\'' || c == '.';
            }
        }
        return out.toString();
    }
}
