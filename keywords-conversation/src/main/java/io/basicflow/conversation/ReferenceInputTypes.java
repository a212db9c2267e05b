package io.basicflow.conversation;

import io.basicflow.spi.InputTypeDefinition;
import io.basicflow.spi.InputValidator.Accepted;
import io.basicflow.spi.InputValidator.Rejected;
import io.basicflow.spi.InputValidator.Result;
import io.basicflow.spi.SecretInputValidator;
import io.basicflow.spi.value.TextValue;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.text.Normalizer;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The {@code HEAR x AS TYPE} types of keyword-hear.md that the built-in ones lack: {@code CPF} and
 * {@code CNPJ} (Brazilian taxpayer numbers with their check digits), {@code CREDITCARD} (Luhn, kept
 * masked), {@code PASSWORD} (kept as a one-way hash), {@code COLOR} and {@code LANGUAGE}.
 */
final class ReferenceInputTypes {

    /** PBKDF2 rounds for a PASSWORD: OWASP's figure for PBKDF2-HMAC-SHA256. */
    static final int PASSWORD_ITERATIONS = 600_000;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<String, String> COLORS = colors();

    private ReferenceInputTypes() {}

    static List<InputTypeDefinition> definitions() {
        return List.of(
                new InputTypeDefinition(
                        "CPF",
                        List.of(),
                        (input, clock) -> cpf(input),
                        "a Brazilian CPF: 11 digits with valid check digits, dots and dash optional"
                                + " → 123.456.789-09"),
                new InputTypeDefinition(
                        "CNPJ",
                        List.of(),
                        (input, clock) -> cnpj(input),
                        "a Brazilian CNPJ: 14 characters with valid check digits (the first 12 may be letters,"
                                + " as from July 2026), punctuation optional → 12.345.678/0001-95"),
                new InputTypeDefinition(
                        "CREDITCARD",
                        List.of("CARD"),
                        (SecretInputValidator) (input, clock) -> creditCard(input),
                        "a card number of 12 to 19 digits passing the Luhn check → kept masked,"
                                + " 4111 **** **** 1111; the history shows the input masked"),
                new InputTypeDefinition(
                        "PASSWORD",
                        List.of(),
                        (SecretInputValidator) ReferenceInputTypes::password,
                        "8 to 128 characters → a salted one-way hash (pbkdf2-sha256$…); the script and the"
                                + " history never see the password"),
                new InputTypeDefinition(
                        "COLOR",
                        List.of("COLOUR"),
                        (input, clock) -> color(input),
                        "a colour name (red, azul), #F00, #FF0000 or rgb(255, 0, 0) → #FF0000"),
                new InputTypeDefinition(
                        "LANGUAGE",
                        List.of(),
                        (input, clock) -> language(input),
                        "a language's ISO 639-1 code or name in English or in itself (en, English,"
                                + " Português) → its two-letter code, pt"));
    }

    // ---- Brazilian taxpayer numbers ------------------------------------------------------------

    static Result cpf(String input) {
        String digits = input.strip().replaceAll("[\\s.\\-/]", "");
        if (!digits.matches("\\d{11}") || digits.chars().distinct().count() == 1) {
            return new Rejected("Please enter a valid CPF: 11 digits, e.g. 123.456.789-09.");
        }
        int first = checkDigit(digits.substring(0, 9), 10);
        int second = checkDigit(digits.substring(0, 9) + first, 11);
        if (digits.charAt(9) - '0' != first || digits.charAt(10) - '0' != second) {
            return new Rejected("That CPF's check digits do not match: please check the number and send it again.");
        }
        return new Accepted(new TextValue(digits.substring(0, 3) + "." + digits.substring(3, 6) + "."
                + digits.substring(6, 9) + "-" + digits.substring(9)));
    }

    /** The CPF's mod-11 digit: weights from {@code firstWeight} down to 2. */
    private static int checkDigit(String digits, int firstWeight) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            sum += (digits.charAt(i) - '0') * (firstWeight - i);
        }
        int rest = sum % 11;
        return rest < 2 ? 0 : 11 - rest;
    }

    static Result cnpj(String input) {
        String text = input.strip().toUpperCase(Locale.ROOT).replaceAll("[\\s.\\-/]", "");
        if (!text.matches("[0-9A-Z]{12}\\d{2}") || text.chars().distinct().count() == 1) {
            return new Rejected("Please enter a valid CNPJ: 14 characters, e.g. 12.345.678/0001-95.");
        }
        int first = cnpjDigit(text.substring(0, 12));
        int second = cnpjDigit(text.substring(0, 12) + first);
        if (text.charAt(12) - '0' != first || text.charAt(13) - '0' != second) {
            return new Rejected("That CNPJ's check digits do not match: please check the number and send it again.");
        }
        return new Accepted(new TextValue(text.substring(0, 2) + "." + text.substring(2, 5) + "." + text.substring(5, 8)
                + "/" + text.substring(8, 12) + "-" + text.substring(12)));
    }

    /**
     * The CNPJ's mod-11 digit: weights 2 to 9 from the right, repeating; each character counts its
     * code minus 48 (a digit its value, a letter as the alphanumeric CNPJ defines).
     */
    private static int cnpjDigit(String characters) {
        int sum = 0;
        int weight = 2;
        for (int i = characters.length() - 1; i >= 0; i--) {
            sum += (characters.charAt(i) - 48) * weight;
            weight = weight == 9 ? 2 : weight + 1;
        }
        int rest = sum % 11;
        return rest < 2 ? 0 : 11 - rest;
    }

    // ---- cards and passwords ---------------------------------------------------------------------

    static Result creditCard(String input) {
        String digits = input.strip().replaceAll("[\\s\\-]", "");
        if (!digits.matches("\\d{12,19}") || !luhn(digits)) {
            return new Rejected("Please enter a valid card number: 12 to 19 digits, e.g. 4111 1111 1111 1111.");
        }
        StringBuilder masked = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                masked.append(' ');
            }
            boolean shown = i < 4 || i >= digits.length() - 4;
            masked.append(shown ? digits.charAt(i) : '*');
        }
        return new Accepted(new TextValue(masked.toString()));
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (twice) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    private static Result password(String input, Clock clock) {
        int length = input.codePointCount(0, input.length());
        if (input.isBlank() || length < 8) {
            return new Rejected("Please choose a password of at least 8 characters.");
        }
        if (length > 128) {
            return new Rejected("Please choose a password of at most 128 characters.");
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return new Accepted(new TextValue(hash(input, salt, PASSWORD_ITERATIONS)));
    }

    /** {@code pbkdf2-sha256$iterations$salt$hash}, salt and hash in base64 without padding. */
    static String hash(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
        try {
            byte[] derived = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
            Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
            return "pbkdf2-sha256$" + iterations + "$" + base64.encodeToString(salt) + "$"
                    + base64.encodeToString(derived);
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("this JDK has no PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }

    // ---- colours and languages -------------------------------------------------------------------

    static Result color(String input) {
        String text = plain(input).replace(" ", "");
        if (text.matches("#?[0-9a-f]{6}")) {
            return hex(text.replace("#", ""));
        }
        if (text.matches("#[0-9a-f]{3}")) {
            StringBuilder six = new StringBuilder();
            for (char c : text.substring(1).toCharArray()) {
                six.append(c).append(c);
            }
            return hex(six.toString());
        }
        java.util.regex.Matcher rgb = java.util.regex.Pattern.compile("rgb\\((\\d{1,3}),(\\d{1,3}),(\\d{1,3})\\)")
                .matcher(text);
        if (rgb.matches()) {
            int red = Integer.parseInt(rgb.group(1));
            int green = Integer.parseInt(rgb.group(2));
            int blue = Integer.parseInt(rgb.group(3));
            if (red <= 255 && green <= 255 && blue <= 255) {
                return hex(String.format(Locale.ROOT, "%02x%02x%02x", red, green, blue));
            }
        }
        String named = COLORS.get(text);
        if (named != null) {
            return hex(named);
        }
        return new Rejected("Please enter a colour: a name such as red or blue, #FF0000, or rgb(255, 0, 0).");
    }

    private static Result hex(String six) {
        return new Accepted(new TextValue("#" + six.toUpperCase(Locale.ROOT)));
    }

    static Result language(String input) {
        String text = plain(input);
        Optional<String> code = Optional.empty();
        for (String iso : Locale.getISOLanguages()) {
            Locale locale = Locale.of(iso);
            if (text.equals(iso)
                    || text.equals(plain(locale.getDisplayLanguage(Locale.ENGLISH)))
                    || text.equals(plain(locale.getDisplayLanguage(locale)))) {
                code = Optional.of(iso);
                break;
            }
        }
        return code.<Result>map(iso -> new Accepted(new TextValue(iso)))
                .orElseGet(() -> new Rejected(
                        "Please name a language: its code (en, pt, es) or its name (English, Português)."));
    }

    /** Lower case, accents removed, spaces trimmed and collapsed: how names are compared. */
    private static String plain(String text) {
        String decomposed = Normalizer.normalize(text.strip().toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}", "").replaceAll("\\s+", " ");
    }

    private static Map<String, String> colors() {
        Map<String, String> colors = new HashMap<>();
        String[][] table = {
            {"000000", "black", "preto"}, {"ffffff", "white", "branco"}, {"ff0000", "red", "vermelho"},
            {"008000", "green", "verde"}, {"0000ff", "blue", "azul"}, {"ffff00", "yellow", "amarelo"},
            {"ffa500", "orange", "laranja"}, {"800080", "purple", "roxo"}, {"ffc0cb", "pink", "rosa"},
            {"a52a2a", "brown", "marrom"}, {"808080", "gray", "cinza"}, {"808080", "grey", "cinzento"},
            {"00ffff", "cyan", "ciano"}, {"ff00ff", "magenta", "magenta"}, {"c0c0c0", "silver", "prata"},
            {"ffd700", "gold", "dourado"}, {"000080", "navy", "marinho"}, {"800000", "maroon", "bordo"},
            {"00ff00", "lime", "lima"}, {"008080", "teal", "verde-azulado"}, {"808000", "olive", "oliva"},
        };
        for (String[] row : table) {
            for (int i = 1; i < row.length; i++) {
                colors.put(row[i], row[0]);
            }
        }
        return Map.copyOf(colors);
    }
}
