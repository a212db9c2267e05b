package io.basicflow.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.ScriptRun;
import io.basicflow.testkit.StepMatcher;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** GENERATE CODE: random digits, recorded, so the code a resumed run checks is the code it sent. */
class GenerateCodeTest {

    private static final String CONFIRM = """
            #workflow
            TALK "Let us confirm your address"
            HEAR address
            code = GENERATE CODE 6
            TALK "Your code: " + code
            HEAR answer
            IF answer = code THEN
                TALK "Confirmed"
            ELSE
                TALK "Wrong code"
            END IF
            """;

    @Test
    void aCodeIsSixDigitsByDefaultAndAsManyAsAsked() {
        try (BasicflowTestKit kit = BasicflowTestKit.withPlugins(new ConversationPlugin())) {
            ScriptRun run = kit.run("codes.bas", """
                    #workflow
                    a = GENERATE CODE
                    b = GENERATE CODE 8
                    c = GENERATE CODE(4)
                    RETURN [a, b, c]
                    """);

            List<Value> codes = ((ListValue) run.awaitResult()).elements();
            assertThat(codes.get(0).display()).matches("[0-9]{6}");
            assertThat(codes.get(1).display()).matches("[0-9]{8}");
            assertThat(codes.get(2).display()).matches("[0-9]{4}");
            assertThat(codes.get(0)).isInstanceOf(TextValue.class);
        }
    }

    @Test
    void codesDiffer() {
        try (BasicflowTestKit kit = BasicflowTestKit.withPlugins(new ConversationPlugin())) {
            ScriptRun run = kit.run("many.bas", """
                    #workflow
                    codes = ""
                    FOR i = 1 TO 20
                        c = GENERATE CODE 12
                        codes = codes + c + " "
                    NEXT
                    RETURN codes
                    """);
            String result = run.awaitResult().display().strip();
            Set<String> distinct = new HashSet<>(List.of(result.split(" ")));
            // 20 draws of 12 digits: a repeat would mean the digits are not drawn per call
            assertThat(distinct).hasSize(20);
        }
    }

    @Test
    void afterACrashTheRunChecksTheCodeItSent() {
        try (BasicflowTestKit kit = BasicflowTestKit.withPlugins(new ConversationPlugin())
                .crashAt(StepMatcher.effectStarted("GENERATE CODE"))
                .crashAt(StepMatcher.type("MessageSent").and(StepMatcher.message("Your code")))) {
            ScriptRun run = kit.run("confirm.bas", CONFIRM).input("me@example.com");
            List<String> messages = run.awaitMessages(2);
            assertThat(messages).hasSize(2);
            String sent = messages.get(1).substring("Your code: ".length());
            assertThat(sent).matches("[0-9]{6}");

            run.input(sent);

            assertThat(run.awaitMessages(3))
                    .containsExactly("Let us confirm your address", "Your code: " + sent, "Confirmed");
            // one engine died after the code step's start (its draw was never recorded nor shown), another
            // after the message with the code: the resumed run compared the answer with the recorded code
            assertThat(kit.crashes()).isEqualTo(2);
            assertThat(kit.effectCalls("GENERATE CODE")).hasSize(2);
            assertThat(run.events("EffectCompleted")).hasSize(1);
        }
    }

    @Test
    void anotherAnswerIsWrong() {
        try (BasicflowTestKit kit = BasicflowTestKit.withPlugins(new ConversationPlugin())) {
            ScriptRun run = kit.run("confirm.bas", CONFIRM).input("me@example.com");
            run.awaitMessages(2);
            String sent = run.messages().get(1).substring("Your code: ".length());
            String other = sent.equals("000000") ? "111111" : "000000";

            run.input(other);

            assertThat(run.awaitMessages(3)).last().isEqualTo("Wrong code");
        }
    }

    @Test
    void aNumberOfDigitsOutOfRangeFailsTheExecutionSayingWhy() {
        try (BasicflowTestKit kit = BasicflowTestKit.withPlugins(new ConversationPlugin())) {
            ScriptRun run = kit.run("bad.bas", """
                    #workflow
                    code = GENERATE CODE 2
                    """);
            run.awaitStatus(ExecutionStatus.FAILED);
            assertThat(run.error())
                    .get()
                    .extracting(e -> e.message())
                    .asString()
                    .contains("GENERATE CODE takes a whole number of digits from 4 to 32, got 2");
        }
    }
}
