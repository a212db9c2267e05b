package io.basicflow.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The normalisation table of keyword-sms.md, and what is no phone number. */
class PhoneNumbersTest {

    @Test
    void theFormsOfThePageBecomeE164() {
        assertThat(PhoneNumbers.normalise("+14155551234", "1")).contains("+14155551234");
        assertThat(PhoneNumbers.normalise("(415) 555-1234", "1")).contains("+14155551234");
        assertThat(PhoneNumbers.normalise("4155551234", "1")).contains("+14155551234");
        assertThat(PhoneNumbers.normalise("14155551234", "1")).contains("+14155551234");
    }

    @Test
    void aNationalNumberTakesTheConfiguredCountryCode() {
        assertThat(PhoneNumbers.normalise("11 99988-7766", "55")).contains("+5511999887766");
        assertThat(PhoneNumbers.normalise("5511999887766", "55")).contains("+5511999887766");
        assertThat(PhoneNumbers.normalise("0055 11 99988 7766", "1")).contains("+5511999887766");
    }

    @Test
    void lettersTooFewOrTooManyDigitsAreNoPhoneNumber() {
        assertThat(PhoneNumbers.normalise("call me", "1")).isEqualTo(Optional.empty());
        assertThat(PhoneNumbers.normalise("+1 415", "1")).isEmpty();
        assertThat(PhoneNumbers.normalise("+1234567890123456", "1")).isEmpty();
        assertThat(PhoneNumbers.normalise("", "1")).isEmpty();
        assertThat(PhoneNumbers.normalise("+0 415 555 1234", "1")).isEmpty();
    }
}
