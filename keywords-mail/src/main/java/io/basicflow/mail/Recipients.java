package io.basicflow.mail;

import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.DecimalValue;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.UnsupportedEncodingException;
import java.net.IDN;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the {@code to} argument into validated addresses. It accepts a text with addresses
 * separated by commas or semicolons ({@code "a@example.com; Bob <b@example.com>"}) or a list of such
 * texts. Separators inside quotes, angle brackets or comments do not split. Every address is
 * checked strictly (RFC 822 syntax, a domain, no group) and may contain no control character, so no
 * recipient can smuggle a header line. Internationalised domains are converted to their ASCII
 * (punycode) form; non-ASCII local parts are rejected, since they need SMTPUTF8.
 */
final class Recipients {

    private Recipients() {}

    /**
     * Parses and validates the recipients.
     *
     * @param to the argument
     * @return the addresses in the order given, without duplicates (compared ignoring case)
     * @throws KeywordException (permanent) naming the first invalid recipient, or when there is none
     */
    static List<InternetAddress> parse(Value to) throws KeywordException {
        List<String> candidates = new ArrayList<>();
        switch (to) {
            case TextValue text -> candidates.addAll(split(text.value()));
            case ListValue list -> {
                for (int i = 0; i < list.elements().size(); i++) {
                    if (!(list.elements().get(i) instanceof TextValue text)) {
                        throw KeywordException.permanent("invalid recipient list: element " + (i + 1) + " is "
                                + describe(list.elements().get(i)) + ", expected an e-mail address");
                    }
                    candidates.addAll(split(text.value()));
                }
            }
            case NullValue ignored -> {}
            case BooleanValue ignored -> throw notAnAddress(to);
            case IntegerValue ignored -> throw notAnAddress(to);
            case DecimalValue ignored -> throw notAnAddress(to);
            case MapValue ignored -> throw notAnAddress(to);
        }
        Map<String, InternetAddress> unique = new LinkedHashMap<>();
        for (String candidate : candidates) {
            InternetAddress address = validate(candidate);
            unique.putIfAbsent(address.getAddress().toLowerCase(Locale.ROOT), address);
        }
        if (unique.isEmpty()) {
            throw KeywordException.permanent("no recipient: the 'to' argument of SEND MAIL is empty");
        }
        return List.copyOf(unique.values());
    }

    /** Splits at commas and semicolons that are not inside quotes, angle brackets or comments. */
    static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        int angle = 0;
        int comment = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < text.length()) {
                    current.append(c).append(text.charAt(++i));
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '<') {
                angle++;
            } else if (c == '>' && angle > 0) {
                angle--;
            } else if (c == '(') {
                comment++;
            } else if (c == ')' && comment > 0) {
                comment--;
            } else if ((c == ',' || c == ';') && angle == 0 && comment == 0) {
                addIfNotBlank(parts, current);
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        addIfNotBlank(parts, current);
        return parts;
    }

    private static void addIfNotBlank(List<String> parts, StringBuilder part) {
        String trimmed = part.toString().strip();
        if (!trimmed.isEmpty()) {
            parts.add(trimmed);
        }
    }

    private static InternetAddress validate(String candidate) throws KeywordException {
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                throw invalid(candidate, "it contains a control character (" + describeControl(c) + ")");
            }
        }
        InternetAddress parsed;
        try {
            parsed = new InternetAddress(candidate, false);
        } catch (AddressException e) {
            throw invalid(candidate, e.getMessage());
        }
        if (parsed.isGroup()) {
            throw invalid(candidate, "a group is not allowed, list the addresses one by one");
        }
        String address = parsed.getAddress();
        int at = address == null ? -1 : address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            throw invalid(candidate, "an address needs a local part and a domain, like name@example.com");
        }
        String asciiAddress;
        try {
            asciiAddress = address.substring(0, at + 1) + IDN.toASCII(address.substring(at + 1));
        } catch (IllegalArgumentException e) {
            throw invalid(candidate, "the domain is not a valid internationalised domain name");
        }
        if (!asciiAddress.chars().allMatch(ch -> ch < 0x80)) {
            throw invalid(candidate, "the part before @ contains non-ASCII letters, which SMTP cannot carry");
        }
        try {
            InternetAddress strict = new InternetAddress(asciiAddress, parsed.getPersonal(), "UTF-8");
            strict.validate();
            // strict parsing rejects what the lenient one above let through (unquoted specials, …)
            new InternetAddress(asciiAddress, true).validate();
            return strict;
        } catch (AddressException e) {
            throw invalid(candidate, e.getMessage());
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("every JDK supports UTF-8", e);
        }
    }

    private static KeywordException invalid(String candidate, String reason) {
        return KeywordException.permanent("invalid recipient '" + printable(candidate) + "': " + reason);
    }

    private static KeywordException notAnAddress(Value value) {
        return KeywordException.permanent(
                "invalid recipient: the 'to' argument of SEND MAIL is " + describe(value) + ", expected an e-mail"
                        + " address, several separated by commas or semicolons, or a list of addresses");
    }

    private static String describe(Value value) {
        return switch (value) {
            case NullValue ignored -> "NULL";
            case BooleanValue bool -> "the boolean " + bool.display();
            case IntegerValue number -> "the number " + number.display();
            case DecimalValue number -> "the number " + number.display();
            case TextValue text -> "the text '" + printable(text.value()) + "'";
            case ListValue ignored -> "a list";
            case MapValue ignored -> "a map";
        };
    }

    /** Shows control characters as escapes, so that an error message stays one line. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029) {
                out.append(describeControl((char) cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    private static String describeControl(char c) {
        return switch (c) {
            case '\r' -> "\\r";
            case '\n' -> "\\n";
            case '\t' -> "\\t";
            default -> String.format("\\u%04x", (int) c);
        };
    }
}
