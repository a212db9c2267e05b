package io.basicflow.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.api.MessageExtras;
import io.basicflow.engine.api.MessageView;
import io.basicflow.engine.direct.Conversation;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.engine.direct.DirectRunner;
import io.basicflow.engine.direct.ScriptCompiler;
import io.basicflow.engine.interpreter.InputRequest;
import io.basicflow.engine.interpreter.RuntimeCatalogue;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.Suggestion;
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
 * ADD SUGGESTION, CLEAR SUGGESTIONS and SEND FILE: what each message carries, in memory (direct) and
 * on the durable engine with a real PostgreSQL, which must agree.
 */
class SuggestionsAndFilesTest {

    /** A golden script: the reference's product choice, with each form of ADD SUGGESTION. */
    private static final String SIZES = """
            TALK "Which size would you like?"
            ADD SUGGESTION "Small"
            ADD SUGGESTION "Large", "size:large"
            ADD SUGGESTION "m" AS "Medium"
            HEAR size
            CLEAR SUGGESTIONS
            TALK "You picked " + size
            SEND FILE "./charts//sizes.pdf", "Our size chart"
            SEND FILE "charts/colours.png"
            RETURN size
            """;

    /** One message as a channel sees it. */
    record Said(String text, List<Suggestion> suggestions, Optional<String> file, Optional<String> caption) {
        static Said of(String text, MessageExtras extras) {
            return new Said(
                    text,
                    extras.suggestions(),
                    extras.file().map(MessageExtras.SentFile::path),
                    extras.file().flatMap(MessageExtras.SentFile::caption));
        }
    }

    private static final List<Suggestion> OFFERED = List.of(
            new Suggestion("Small", "Small"),
            new Suggestion("Large", "size:large"),
            new Suggestion("Medium", "Medium"));

    private static final List<Said> EXPECTED = List.of(
            new Said("Which size would you like?", List.of(), Optional.empty(), Optional.empty()),
            // added after the question: the HEAR sends them on their own, with no text
            new Said("", OFFERED, Optional.empty(), Optional.empty()),
            new Said("You picked size:large", List.of(), Optional.empty(), Optional.empty()),
            new Said("Our size chart", List.of(), Optional.of("charts/sizes.pdf"), Optional.of("Our size chart")),
            new Said("", List.of(), Optional.of("charts/colours.png"), Optional.empty()));

    @Test
    void directAndDurableRunsSendTheSameMessagesWithTheirSuggestionsAndFiles() {
        List<Said> direct = new ArrayList<>();
        DirectOutcome outcome = runDirectly(SIZES, direct, "size:large");
        assertThat(outcome).isInstanceOf(DirectOutcome.Completed.class);
        assertThat(direct).containsExactlyElementsOf(EXPECTED);

        try (BasicflowTestKit kit = BasicflowTestKit.withPlugins(new ConversationPlugin())) {
            ScriptRun run = kit.run("sizes.bas", "#workflow\n" + SIZES);
            run.awaitStatus(ExecutionStatus.WAITING_INPUT);
            List<MessageView> shown = run.messageViews();
            // the user clicks the second button: the channel sends its reply
            run.input(shown.getLast().extras().suggestions().get(1).reply());
            assertThat(run.awaitResult()).isEqualTo(Value.text("size:large"));
            assertThat(said(run)).containsExactlyElementsOf(EXPECTED);
        }
    }

    @Test
    void suggestionsStayOnEveryMessageUntilClearedAndSurviveTheWaitForInput() {
        String script = """
                #workflow
                ADD SUGGESTION "Yes"
                ADD SUGGESTION "No"
                TALK "Ready?"
                HEAR answer
                TALK "You said " + answer
                ADD SUGGESTION "Yes", "yes please"
                TALK "Again?"
                CLEAR SUGGESTIONS
                TALK "Bye"
                """;
        try (BasicflowTestKit kit = BasicflowTestKit.withPlugins(new ConversationPlugin())) {
            ScriptRun run = kit.run("ready.bas", script);
            run.awaitStatus(ExecutionStatus.WAITING_INPUT);
            // the message carried them, so the HEAR sends nothing more
            assertThat(said(run))
                    .containsExactly(new Said(
                            "Ready?",
                            List.of(Suggestion.of("Yes"), Suggestion.of("No")),
                            Optional.empty(),
                            Optional.empty()));
            run.input("No");
            run.awaitStatus(ExecutionStatus.COMPLETED);
            assertThat(said(run))
                    .extracting(Said::text, Said::suggestions)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    "Ready?", List.of(Suggestion.of("Yes"), Suggestion.of("No"))),
                            // resumed after the wait, from the stored state: still in force
                            org.assertj.core.groups.Tuple.tuple(
                                    "You said No", List.of(Suggestion.of("Yes"), Suggestion.of("No"))),
                            // the same button again replaces the first in its place
                            org.assertj.core.groups.Tuple.tuple(
                                    "Again?", List.of(new Suggestion("Yes", "yes please"), Suggestion.of("No"))),
                            org.assertj.core.groups.Tuple.tuple("Bye", List.of()));
        }
    }

    @Test
    void aPathThatCouldLeaveTheBotsStorageFailsTheExecutionWithTheReason() {
        try (BasicflowTestKit kit = BasicflowTestKit.withPlugins(new ConversationPlugin())) {
            for (String path :
                    List.of("../secrets.txt", "reports/../../etc/passwd", "/etc/passwd", "C:\\boot.ini", "")) {
                ScriptRun run =
                        kit.run("leak.bas", "#workflow\nTALK \"here\"\nSEND FILE \"" + path + "\"\nTALK \"never\"\n");
                run.awaitStatus(ExecutionStatus.FAILED);
                assertThat(run.messages()).containsExactly("here");
                assertThat(run.error().orElseThrow().message())
                        .contains("SEND FILE cannot send '" + path + "'")
                        .contains("bot's storage");
                assertThat(run.error().orElseThrow().line()).isEqualTo(3);
            }
        }
        List<Said> direct = new ArrayList<>();
        DirectOutcome outcome = runDirectly("SEND FILE \"docs/../../x.pdf\"\n", direct);
        assertThat(outcome).isInstanceOf(DirectOutcome.Failed.class);
        assertThat(direct).isEmpty();
    }

    @Test
    void aChannelThatIgnoresSuggestionsStillShowsTheTextAndTheFile() {
        List<String> lines = new ArrayList<>();
        Conversation plain = new Conversation() {
            @Override
            public void say(String text) {
                lines.add(text);
            }

            @Override
            public Optional<String> listen(InputRequest request) {
                return Optional.of("Small");
            }
        };
        assertThat(directRunner().run(compile(SIZES), Map.of(), plain).outcome())
                .isInstanceOf(DirectOutcome.Completed.class);
        assertThat(lines)
                .containsExactly(
                        "Which size would you like?",
                        "You picked Small",
                        "Our size chart\n[file: charts/sizes.pdf]",
                        "[file: charts/colours.png]");
    }

    @Test
    void sendFileToAddressesTheFileToAnotherRecipientInBothModes() {
        String script = """
                order_id = 42
                phone = "+5511999990001"
                ADD SUGGESTION "Track"
                SEND FILE TO "whatsapp:" + phone, "invoices/" + order_id + ".pdf", "Invoice #" + order_id
                TALK "sent"
                """;
        List<String> lines = new ArrayList<>();
        Conversation channel = new Conversation() {
            @Override
            public void say(String text) {
                lines.add(text);
            }

            @Override
            public void say(String recipient, String text, MessageExtras extras) {
                lines.add(recipient + " | " + text + " | "
                        + extras.file().orElseThrow().path() + " | "
                        + extras.suggestions().size());
            }

            @Override
            public Optional<String> listen(InputRequest request) {
                return Optional.empty();
            }
        };
        assertThat(directRunner().run(compile(script), Map.of(), channel).outcome())
                .isInstanceOf(DirectOutcome.Completed.class);
        // the conversation's suggestion stays with its own message, not the recipient's
        assertThat(lines).containsExactly("whatsapp:+5511999990001 | Invoice #42 | invoices/42.pdf | 0", "sent");

        try (BasicflowTestKit kit = BasicflowTestKit.withPlugins(new ConversationPlugin())) {
            ScriptRun run = kit.run("invoice.bas", "#workflow\n" + script);
            run.awaitStatus(ExecutionStatus.COMPLETED);
            List<MessageView> shown = run.messageViews();
            assertThat(shown).hasSize(2);
            assertThat(shown.get(0).recipient()).contains("whatsapp:+5511999990001");
            assertThat(Said.of(shown.get(0).text(), shown.get(0).extras()))
                    .isEqualTo(new Said(
                            "Invoice #42", List.of(), Optional.of("invoices/42.pdf"), Optional.of("Invoice #42")));
            assertThat(shown.get(1).recipient()).isEmpty();
            assertThat(shown.get(1).extras().suggestions()).containsExactly(Suggestion.of("Track"));
        }
    }

    private static List<Said> said(ScriptRun run) {
        return run.messageViews().stream()
                .map(message -> Said.of(message.text(), message.extras()))
                .toList();
    }

    private static DirectOutcome runDirectly(String source, List<Said> said, String... inputs) {
        Deque<String> typed = new ArrayDeque<>(List.of(inputs));
        return directRunner()
                .run(compile(source), Map.of(), new Conversation() {
                    @Override
                    public void say(String text) {
                        said.add(Said.of(text, MessageExtras.NONE));
                    }

                    @Override
                    public void say(String text, MessageExtras extras) {
                        said.add(Said.of(text, extras));
                    }

                    @Override
                    public Optional<String> listen(InputRequest request) {
                        return Optional.ofNullable(typed.poll());
                    }
                })
                .outcome();
    }

    private static final List<KeywordPlugin> PLUGINS = List.of(new CorePlugin(), new ConversationPlugin());

    private static DirectRunner directRunner() {
        RuntimeCatalogue catalogue = RuntimeCatalogue.of(PLUGINS, Map.of(), Clock.systemUTC());
        return DirectRunner.builder(catalogue, ScriptCompiler.using(compiler())).build();
    }

    private static ScriptService compiler() {
        return new ScriptService(KeywordCatalogue.of(PLUGINS));
    }

    private static io.basicflow.spi.program.Program compile(String source) {
        return compiler().compile("sizes.bas", source).program();
    }
}
