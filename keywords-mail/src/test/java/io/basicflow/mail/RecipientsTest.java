package io.basicflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.Value;
import jakarta.mail.internet.InternetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecipientsTest {

    private static List<String> parse(Value to) throws KeywordException {
        return Recipients.parse(to).stream()
                .map(InternetAddress::toUnicodeString)
                .toList();
    }

    private static KeywordException failure(Value to) {
        return catchThrowableOfType(KeywordException.class, () -> Recipients.parse(to));
    }

    @Test
    void splitsAtCommasAndSemicolons() throws Exception {
        assertThat(parse(Value.text(" a@example.com,b@example.com ; c@example.com;")))
                .containsExactly("a@example.com", "b@example.com", "c@example.com");
    }

    @Test
    void keepsDisplayNamesWithSeparatorsInQuotes() throws Exception {
        assertThat(parse(Value.text("\"Doe, John\" <john@example.com>; Ana (Sales; EMEA) <ana@example.com>")))
                .containsExactly("\"Doe, John\" <john@example.com>", "\"Ana (Sales; EMEA)\" <ana@example.com>");
    }

    @Test
    void acceptsAListOfAddresses() throws Exception {
        assertThat(parse(new ListValue(
                        List.of(Value.text("a@example.com"), Value.text("b@example.com; c@example.com")))))
                .containsExactly("a@example.com", "b@example.com", "c@example.com");
    }

    @Test
    void dropsRepeatedAddressesIgnoringCase() throws Exception {
        assertThat(parse(Value.text("a@example.com, A@EXAMPLE.com, Bee <a@example.com>")))
                .containsExactly("a@example.com");
    }

    @Test
    void convertsInternationalDomainsToPunycode() throws Exception {
        assertThat(parse(Value.text("Jürgen <juergen@bücher.de>")))
                .containsExactly("\"Jürgen\" <juergen@xn--bcher-kva.de>");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a@example.com\r\nBcc: b@example.com",
                "a@example.com\nBcc: b@example.com",
                "a@example.com\rX",
                "Ana\u0000 <a@example.com>",
                "a@example.com\u2028Bcc: b@example.com"
            })
    void controlCharactersAreRejected(String to) {
        KeywordException failure = failure(Value.text(to));

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage()).startsWith("invalid recipient '").contains("control character");
        assertThat(failure.getMessage()).doesNotContain("\r").doesNotContain("\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not an address", "a@", "@example.com", "plainname", "a@@example.com", "a@exa mple.com"})
    void malformedAddressesAreRejected(String to) {
        KeywordException failure = failure(Value.text(to));

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage()).startsWith("invalid recipient '" + to + "': ");
    }

    @Test
    void groupsAreRejected() {
        assertThat(failure(Value.text("team: a@example.com, b@example.com;")).getMessage())
                .startsWith("invalid recipient");
    }

    @Test
    void nonAsciiLocalPartIsRejected() {
        assertThat(failure(Value.text("jürgen@example.com")).getMessage())
                .isEqualTo("invalid recipient 'jürgen@example.com': the part before @ contains non-ASCII letters,"
                        + " which SMTP cannot carry");
    }

    @Test
    void emptyInputHasNoRecipient() {
        assertThat(failure(Value.text(" ; , ")).getMessage())
                .isEqualTo("no recipient: the 'to' argument of SEND MAIL is empty");
    }

    @Test
    void nonTextValuesAreRejected() {
        assertThat(failure(Value.number(42)).getMessage())
                .startsWith("invalid recipient: the 'to' argument of SEND MAIL is the number 42, expected an e-mail");
        assertThat(failure(new MapValue(Map.of("email", Value.text("a@example.com"))))
                        .getMessage())
                .startsWith("invalid recipient: the 'to' argument of SEND MAIL is a map");
        assertThat(failure(new ListValue(List.of(Value.text("a@example.com"), Value.number(1))))
                        .getMessage())
                .isEqualTo("invalid recipient list: element 2 is the number 1, expected an e-mail address");
    }
}
