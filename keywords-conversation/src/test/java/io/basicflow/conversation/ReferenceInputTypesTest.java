package io.basicflow.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.engine.api.EventView;
import io.basicflow.engine.direct.Conversation;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.engine.direct.DirectRunner;
import io.basicflow.engine.direct.ScriptCompiler;
import io.basicflow.engine.interpreter.InputRequest;
import io.basicflow.engine.interpreter.RuntimeCatalogue;
import io.basicflow.spi.InputValidator.Accepted;
import io.basicflow.spi.InputValidator.Rejected;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.SecretInputValidator;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.ScriptRun;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * keyword-hear.md's CPF, CNPJ, CREDITCARD, PASSWORD, COLOR and LANGUAGE: their checks, their normal
 * forms, and a script that hears each, direct and durable, with the same messages; in the durable
 * history the password and the card number appear only masked.
 */
class ReferenceInputTypesTest {

    static final String SCRIPT = """
            HEAR cpf AS CPF
            HEAR cnpj AS CNPJ
            HEAR card AS CREDITCARD
            HEAR password AS PASSWORD
            HEAR colour AS COLOR
            HEAR language AS LANGUAGE
            TALK cpf + " | " + cnpj + " | " + card + " | " + colour + " | " + language
            TALK LEFT(password, 21) + " " + LEN(password)
            """;

    static final List<String> INPUTS = List.of(
            "123.456.789-00",
            "12345678909",
            "11222333000181",
            "4111-1111-1111-1111",
            "short",
            "correct horse battery",
            "Azul",
            "Português");

    @Test
    void theBrazilianNumbersNeedTheirCheckDigits() {
        assertThat(ReferenceInputTypes.cpf(" 123.456.789-09 "))
                .isEqualTo(new Accepted(new TextValue("123.456.789-09")));
        assertThat(ReferenceInputTypes.cpf("529 982 247 25")).isEqualTo(new Accepted(new TextValue("529.982.247-25")));
        assertThat(ReferenceInputTypes.cpf("529.982.247-26")).isInstanceOf(Rejected.class);
        assertThat(ReferenceInputTypes.cpf("111.111.111-11")).isInstanceOf(Rejected.class);
        assertThat(ReferenceInputTypes.cpf("1234567890")).isInstanceOf(Rejected.class);

        assertThat(ReferenceInputTypes.cnpj("11.222.333/0001-81"))
                .isEqualTo(new Accepted(new TextValue("11.222.333/0001-81")));
        assertThat(ReferenceInputTypes.cnpj("11222333000182")).isInstanceOf(Rejected.class);
        assertThat(ReferenceInputTypes.cnpj("00000000000000")).isInstanceOf(Rejected.class);
        // the alphanumeric CNPJ (Receita Federal's example): letters count as their code minus 48
        assertThat(ReferenceInputTypes.cnpj("12.abc.345/01de-35"))
                .isEqualTo(new Accepted(new TextValue("12.ABC.345/01DE-35")));
        assertThat(ReferenceInputTypes.cnpj("12ABC34501DE36")).isInstanceOf(Rejected.class);
    }

    @Test
    void cardsPassTheLuhnCheckAndAreKeptMasked() {
        assertThat(ReferenceInputTypes.creditCard("4111 1111 1111 1111"))
                .isEqualTo(new Accepted(new TextValue("4111 **** **** 1111")));
        assertThat(ReferenceInputTypes.creditCard("378282246310005")) // American Express, 15 digits
                .isEqualTo(new Accepted(new TextValue("3782 **** ***0 005")));
        assertThat(ReferenceInputTypes.creditCard("4111 1111 1111 1112")).isInstanceOf(Rejected.class);
        assertThat(ReferenceInputTypes.creditCard("4111 1111 abcd 1111")).isInstanceOf(Rejected.class);
        assertThat(ReferenceInputTypes.luhn("79927398713")).isTrue();
        assertThat(ReferenceInputTypes.luhn("79927398710")).isFalse();
    }

    @Test
    void aPasswordBecomesASaltedHashThatTheHistoryNeverShows() {
        var password = ReferenceInputTypes.definitions().stream()
                .filter(type -> type.name().equals("PASSWORD"))
                .findFirst()
                .orElseThrow();
        assertThat(password.validator()).isInstanceOf(SecretInputValidator.class);
        assertThat(password.validator().validate("1234567", Clock.systemUTC())).isInstanceOf(Rejected.class);
        Accepted first = (Accepted) password.validator().validate("correct horse", Clock.systemUTC());
        Accepted second = (Accepted) password.validator().validate("correct horse", Clock.systemUTC());
        assertThat(first.value().display()).startsWith("pbkdf2-sha256$600000$").doesNotContain("correct");
        assertThat(first).isNotEqualTo(second); // a fresh salt each time
        // the hash is the standard PBKDF2-HMAC-SHA256 (RFC 7914's test vector, one round)
        assertThat(ReferenceInputTypes.hash("passwd", "salt".getBytes(), 1))
                .isEqualTo("pbkdf2-sha256$1$c2FsdA$VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLw");
    }

    @Test
    void coloursAndLanguagesAreNormalised() {
        assertThat(ReferenceInputTypes.color("red")).isEqualTo(new Accepted(new TextValue("#FF0000")));
        assertThat(ReferenceInputTypes.color("#f00")).isEqualTo(new Accepted(new TextValue("#FF0000")));
        assertThat(ReferenceInputTypes.color("rgb(255, 0, 0)")).isEqualTo(new Accepted(new TextValue("#FF0000")));
        assertThat(ReferenceInputTypes.color("00ff7f")).isEqualTo(new Accepted(new TextValue("#00FF7F")));
        assertThat(ReferenceInputTypes.color("rgb(256, 0, 0)")).isInstanceOf(Rejected.class);
        assertThat(ReferenceInputTypes.color("sky")).isInstanceOf(Rejected.class);

        assertThat(ReferenceInputTypes.language("EN")).isEqualTo(new Accepted(new TextValue("en")));
        assertThat(ReferenceInputTypes.language("english")).isEqualTo(new Accepted(new TextValue("en")));
        assertThat(ReferenceInputTypes.language("Português")).isEqualTo(new Accepted(new TextValue("pt")));
        assertThat(ReferenceInputTypes.language("espanol")).isEqualTo(new Accepted(new TextValue("es")));
        assertThat(ReferenceInputTypes.language("Klingonese")).isInstanceOf(Rejected.class);
    }

    @Test
    void aScriptHearsEachTypeTheSameWayInBothModesAndTheHistoryMasksTheSecrets() {
        List<String> direct = runDirect(SCRIPT, INPUTS);
        assertThat(direct).hasSize(4);
        assertThat(direct.get(0)).contains("CPF's check digits do not match");
        assertThat(direct.get(1)).contains("at least 8 characters");
        assertThat(direct.get(2)).isEqualTo("123.456.789-09 | 11.222.333/0001-81 | 4111 **** **** 1111 | #0000FF | pt");
        assertThat(direct.get(3)).startsWith("pbkdf2-sha256$600000$ ");

        try (BasicflowTestKit kit = BasicflowTestKit.withPlugins(new ConversationPlugin())) {
            ScriptRun run = kit.run("signup.bas", "#workflow\n" + SCRIPT);
            for (String input : INPUTS) {
                run.input(input);
            }
            run.awaitResult();
            assertThat(run.messages()).containsExactlyElementsOf(direct);
            String history = run.events().stream().map(EventView::payloadJson).reduce("", String::concat);
            assertThat(history)
                    .doesNotContain("correct horse")
                    .doesNotContain("\"short\"")
                    .doesNotContain("4111-1111-1111-1111")
                    .contains("12345678909")
                    .contains(SecretInputValidator.MASK);
            assertThat(run.events("InputReceived")).hasSize(6);
        }
    }

    private static List<String> runDirect(String source, List<String> inputs) {
        List<KeywordPlugin> plugins = List.of(new CorePlugin(), new ConversationPlugin());
        ScriptService compiler = new ScriptService(KeywordCatalogue.of(plugins));
        RuntimeCatalogue catalogue = RuntimeCatalogue.of(plugins, Map.of(), Clock.systemUTC());
        DirectRunner runner =
                DirectRunner.builder(catalogue, ScriptCompiler.using(compiler)).build();
        Deque<String> pending = new ArrayDeque<>(inputs);
        List<String> messages = new ArrayList<>();
        DirectOutcome outcome = runner.run(
                        compiler.compile("signup.bas", source).program(), Map.<String, Value>of(), new Conversation() {
                            @Override
                            public void say(String text) {
                                messages.add(text);
                            }

                            @Override
                            public Optional<String> listen(InputRequest request) {
                                return Optional.ofNullable(pending.poll());
                            }
                        })
                .outcome();
        assertThat(outcome).isInstanceOf(DirectOutcome.Completed.class);
        assertThat(pending).isEmpty();
        return messages;
    }
}
