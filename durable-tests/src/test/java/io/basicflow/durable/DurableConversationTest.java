package io.basicflow.durable;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.direct.Conversation;
import io.basicflow.engine.direct.ScriptResolver;
import io.basicflow.engine.durable.ChildScripts;
import io.basicflow.engine.durable.DurableConversation;
import io.basicflow.engine.interpreter.InputRequest;
import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.ReplayVerification;
import io.basicflow.persistence.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A terminal-like conversation with a durable execution: messages of the execution and of its
 * children in order, input when asked, and, when the input ends, a later conversation that goes on
 * where the first stopped without repeating what was shown.
 */
@ExtendWith({PostgresExtension.class, ReplayVerification.class})
class DurableConversationTest {

    /** A user who answers from a list and writes everything down. */
    private static final class Transcript implements Conversation {
        final List<String> lines = new ArrayList<>();
        final Deque<String> answers;

        Transcript(String... answers) {
            this.answers = new ArrayDeque<>(List.of(answers));
        }

        @Override
        public void say(String text) {
            lines.add(text);
        }

        @Override
        public Optional<String> listen(InputRequest request) {
            String answer = answers.pollFirst();
            if (answer != null) {
                lines.add("> " + answer + " (" + request.variable() + " " + request.type() + ")");
            }
            return Optional.ofNullable(answer);
        }
    }

    @Test
    void aConversationShowsParentAndChildInOrderAndResumesLater(TestDatabase database, @TempDir Path scripts)
            throws IOException {
        Files.writeString(
                scripts.resolve("greeter.bas"), "HEAR name WITH \"Child asks: your name?\"\nTALK \"Hi \" + name\n");
        try (DurableFixture engine = DurableFixture.builder(database)
                .children(ChildScripts.from(ScriptResolver.directory(scripts)))
                .start()) {
            String id = engine.start(
                    "main.bas",
                    "#workflow\nTALK \"main starts\"\nCALL \"greeter.bas\"\nHEAR color AS \"red\", \"blue\"\n"
                            + "TALK \"you like \" + color\n",
                    Map.of());
            DurableConversation driver = new DurableConversation(engine.engine(), Duration.ofMillis(200));

            Transcript first = new Transcript("Zoe");
            assertThat(driver.converse(id, first).status()).isEqualTo(ExecutionStatus.WAITING_INPUT);
            Transcript second = new Transcript("2");
            assertThat(driver.converse(id, second).status()).isEqualTo(ExecutionStatus.COMPLETED);

            assertThat(first.lines)
                    .containsExactly("main starts", "Child asks: your name?", "> Zoe (name TEXT)", "Hi Zoe");
            // Resumed while waiting: the last message before the HEAR is shown again, then the answer.
            assertThat(second.lines).containsExactly("Hi Zoe", "> 2 (color MENU)", "you like blue");
        }
    }

    @Test
    void aResumedConversationAsksTheWaitingQuestionAgainOnce(TestDatabase database) {
        try (DurableFixture engine = DurableFixture.builder(database).start()) {
            String id = engine.start(
                    "ask.bas",
                    "#workflow\nTALK \"Hello\"\nTALK \"What is your name?\"\nHEAR name\nTALK \"Hi \" + name\n",
                    Map.of());
            DurableConversation driver = new DurableConversation(engine.engine(), Duration.ofMillis(200));

            Transcript first = new Transcript();
            assertThat(driver.converse(id, first).status()).isEqualTo(ExecutionStatus.WAITING_INPUT);
            Transcript second = new Transcript("Ann");
            assertThat(driver.converse(id, second).status()).isEqualTo(ExecutionStatus.COMPLETED);

            assertThat(first.lines).containsExactly("Hello", "What is your name?");
            assertThat(second.lines).containsExactly("What is your name?", "> Ann (name TEXT)", "Hi Ann");
        }
    }
}
