package io.basicflow.conversation;

import io.basicflow.spi.EffectKind;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.RetryPolicy;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.math.BigDecimal;
import java.security.SecureRandom;

/**
 * {@code code = GENERATE CODE [digits]}: a one-time code of decimal digits (six by default) for a user
 * to type back, as real General Bots scripts use it to confirm an e-mail address or a phone before a
 * privacy request. The digits come from {@link SecureRandom}, so a code cannot be guessed from earlier
 * ones; the result is text, so leading zeros stay.
 *
 * <p>The code is chance, not a function of the arguments, so the keyword is a step whose result is
 * recorded: a durable run that resumes after a crash, on any node, compares the user's answer with the
 * code it sent, never with a new one. A crash before the step's completion is recorded draws a new
 * code; the first one was never shown to anybody.
 */
final class VerificationCodeKeyword {

    /** The fewest digits a code may have. */
    static final int MIN_DIGITS = 4;

    /** The most digits a code may have. */
    static final int MAX_DIGITS = 32;

    private static final int DEFAULT_DIGITS = 6;

    private static final SecureRandom RANDOM = new SecureRandom();

    static final KeywordDefinition GENERATE_CODE = KeywordDefinition.builder("GENERATE CODE")
            .form(KeywordForm.FUNCTION)
            .parameter(ParameterDefinition.optional(
                    "digits", "how many decimal digits, " + MIN_DIGITS + " to " + MAX_DIGITS + " (default 6)"))
            // recorded, so a resumed run sees the code it sent; drawing a number cannot fail in a way a retry mends
            .effect(EffectKind.IDEMPOTENT_EFFECT)
            .retry(RetryPolicy.NONE)
            .description("A one-time code of random decimal digits (default 6), as text.")
            .build();

    private VerificationCodeKeyword() {}

    static Value generate(Invocation invocation) throws KeywordException {
        int digits = digits(invocation.argument("digits"));
        StringBuilder code = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            code.append((char) ('0' + RANDOM.nextInt(10)));
        }
        return new TextValue(code.toString());
    }

    private static int digits(Value value) throws KeywordException {
        if (value instanceof NullValue) {
            return DEFAULT_DIGITS;
        }
        BigDecimal number = value instanceof NumberValue n ? n.toBigDecimal() : parse(value.display());
        if (number == null
                || number.stripTrailingZeros().scale() > 0
                || number.compareTo(BigDecimal.valueOf(MIN_DIGITS)) < 0
                || number.compareTo(BigDecimal.valueOf(MAX_DIGITS)) > 0) {
            throw KeywordException.permanent("GENERATE CODE takes a whole number of digits from " + MIN_DIGITS + " to "
                    + MAX_DIGITS + ", got " + value.display());
        }
        return number.intValueExact();
    }

    private static BigDecimal parse(String text) {
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
