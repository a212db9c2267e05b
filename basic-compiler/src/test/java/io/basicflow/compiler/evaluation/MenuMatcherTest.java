package io.basicflow.compiler.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.spi.InputValidator;
import io.basicflow.spi.value.TextValue;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class MenuMatcherTest {

    private final MenuMatcher menu = new MenuMatcher(List.of("Pizza", "Pasta", "Salad", "Não sei"));

    private String chosen(String input) {
        InputValidator.Result result = menu.match(input);
        assertThat(result).as("accepts \"%s\"", input).isInstanceOf(InputValidator.Accepted.class);
        return ((TextValue) ((InputValidator.Accepted) result).value()).value();
    }

    private String rejection(String input) {
        InputValidator.Result result = menu.match(input);
        assertThat(result).as("rejects \"%s\"", input).isInstanceOf(InputValidator.Rejected.class);
        return ((InputValidator.Rejected) result).message();
    }

    @Test
    void acceptsExactAndCaseInsensitiveOptions() {
        assertThat(chosen("Pizza")).isEqualTo("Pizza");
        assertThat(chosen("  salad ")).isEqualTo("Salad");
        assertThat(chosen("PASTA")).isEqualTo("Pasta");
        assertThat(chosen("nao sei")).isEqualTo("Não sei");
        assertThat(chosen("NÃO  SEI")).isEqualTo("Não sei");
    }

    @Test
    void acceptsTheOptionNumber() {
        assertThat(chosen("1")).isEqualTo("Pizza");
        assertThat(chosen("3")).isEqualTo("Salad");
        assertThat(chosen("2.")).isEqualTo("Pasta");
        assertThat(chosen("4)")).isEqualTo("Não sei");
    }

    @Test
    void acceptsAUniquePrefix() {
        assertThat(chosen("sa")).isEqualTo("Salad");
        assertThat(chosen("PIZ")).isEqualTo("Pizza");
        assertThat(chosen("n")).isEqualTo("Não sei");
    }

    @Test
    void rejectsAnAmbiguousPrefixNamingTheCandidates() {
        assertThat(rejection("p"))
                .isEqualTo(
                        "\"p\" matches more than one option (Pizza, Pasta). Please choose one of: 1. Pizza, 2. Pasta,"
                                + " 3. Salad, 4. Não sei.");
    }

    @Test
    void rejectsUnknownAnswersListingTheOptions() {
        assertThat(rejection("burger")).isEqualTo("Please choose one of: 1. Pizza, 2. Pasta, 3. Salad, 4. Não sei.");
        assertThat(rejection("")).isEqualTo("Please choose one of: 1. Pizza, 2. Pasta, 3. Salad, 4. Não sei.");
        assertThat(rejection("5")).startsWith("There is no option 5. Please choose one of: 1. Pizza");
        assertThat(rejection("0")).startsWith("There is no option 0.");
    }

    @Test
    void optionsThatAreNumbersMatchExactlyFirst() {
        MenuMatcher numbers = new MenuMatcher(List.of("10", "20", "1"));
        assertThat(numbers.match("1")).isEqualTo(new InputValidator.Accepted(new TextValue("1")));
        assertThat(numbers.match("2")).isEqualTo(new InputValidator.Accepted(new TextValue("20")));
    }

    @Test
    void worksAsAnInputValidator() {
        InputValidator validator = menu;
        assertThat(validator.validate("pasta", Clock.systemUTC()))
                .isEqualTo(new InputValidator.Accepted(new TextValue("Pasta")));
        assertThat(menu.options()).containsExactly("Pizza", "Pasta", "Salad", "Não sei");
    }

    @Test
    void needsNonBlankOptions() {
        assertThatThrownBy(() -> new MenuMatcher(List.of())).hasMessage("a menu needs at least one option");
        assertThatThrownBy(() -> new MenuMatcher(List.of("a", " "))).hasMessage("a menu option must not be blank");
    }
}
