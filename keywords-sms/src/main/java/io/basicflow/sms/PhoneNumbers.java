package io.basicflow.sms;

import java.util.Optional;

/**
 * Phone numbers as keyword-sms.md normalises them: E.164 kept ({@code +14155551234}); spaces,
 * dashes, dots and parentheses dropped; {@code 00} before the country code read as {@code +}; a
 * number without a country code gets the configured default one ({@code 1} unless set, so the page's
 * {@code (415) 555-1234} and {@code 4155551234} become {@code +14155551234}, and {@code 14155551234}
 * too, since it already starts with that code and has one digit more).
 */
final class PhoneNumbers {

    private PhoneNumbers() {}

    /**
     * The E.164 form of a number.
     *
     * @param written the number as the script gave it
     * @param defaultCountryCode the country code for a national number, digits only
     * @return {@code +} and 8 to 15 digits, or empty when it is no phone number
     */
    static Optional<String> normalise(String written, String defaultCountryCode) {
        String trimmed = written.strip();
        StringBuilder digits = new StringBuilder();
        boolean plus = false;
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c == '+' && i == 0) {
                plus = true;
            } else if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
                return Optional.empty();
            }
        }
        String number = digits.toString();
        if (!plus && number.startsWith("00")) {
            plus = true;
            number = number.substring(2);
        }
        if (!plus) {
            // A national number: the default country code unless it already starts with it (one of
            // ten digits or more after it, as the page's 14155551234).
            boolean hasCode =
                    number.startsWith(defaultCountryCode) && number.length() >= 10 + defaultCountryCode.length();
            if (!hasCode) {
                if (number.length() < 6 || number.length() > 12) {
                    return Optional.empty();
                }
                number = defaultCountryCode + number;
            }
        }
        if (number.length() < 8 || number.length() > 15 || number.startsWith("0")) {
            return Optional.empty();
        }
        return Optional.of("+" + number);
    }
}
