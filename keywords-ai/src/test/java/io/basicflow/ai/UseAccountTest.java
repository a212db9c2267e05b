package io.basicflow.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.ScriptRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code USE ACCOUNT}: a synced account's mails become passages of later LLM prompts and THINK KB results. */
class UseAccountTest {

    static final String REFUND = "Subject: Refund for order 1234. Ana Lima asked for a refund of order 1234 on"
            + " 3 March; the refund of 89.90 euros was approved and paid to her card on 5 March.";
    static final String MEETING = "Subject: Team lunch. The support team meets for lunch every first Friday of"
            + " the month at the Italian place on Main Street.";

    @TempDir
    Path accounts;

    private Map<String, String> settings(FakeModelServer server, String... more) throws Exception {
        Path mailbox = Files.createDirectories(accounts.resolve("support@company.com/inbox"));
        Files.writeString(mailbox.resolve("0001.txt"), REFUND + "\n");
        Files.writeString(mailbox.resolve("0002.txt"), MEETING + "\n");
        List<String> all = new java.util.ArrayList<>(List.of("account-folder", accounts.toString(), "kb-chunks", "1"));
        all.addAll(List.of(more));
        return Scripts.settings(server, all.toArray(String[]::new));
    }

    private static final String SCRIPT = """
            USE ACCOUNT "Support@Company.com"
            HEAR question
            answer = LLM question
            TALK answer
            r = THINK KB "refund of order 1234"
            TALK r.results[0].kb_name + " " + r.results[0].source
            """;

    @Test
    void theAccountsMailsAnswerLaterPromptsInDirectAndDurableRuns() throws Exception {
        try (FakeModelServer server = FakeModelServer.start()) {
            server.answer("It was refunded on 5 March.").answer("It was refunded on 5 March.");
            Map<String, String> settings = settings(server);

            List<String> direct = Scripts.direct(SCRIPT, settings, "Was Ana's order 1234 refunded?");
            List<String> durable;
            try (BasicflowTestKit kit = Scripts.kit(settings)) {
                ScriptRun run = kit.run("#workflow\n" + SCRIPT).awaitStatus(ExecutionStatus.WAITING_INPUT);
                run.input("Was Ana's order 1234 refunded?").awaitStatus(ExecutionStatus.COMPLETED);
                durable = run.messages();
            }

            assertThat(direct)
                    .containsExactly(
                            "It was refunded on 5 March.", "account:support@company.com inbox/0001.txt", "completed");
            assertThat(durable).containsExactlyElementsOf(direct.subList(0, 2));
            assertThat(server.requests()).hasSize(2);
            assertThat(server.requests())
                    .allSatisfy(request -> assertThat(
                                    FakeModelServer.messages(request).getFirst())
                            .startsWith("system: Use these passages")
                            .contains(REFUND)
                            .doesNotContain(MEETING));
        }
    }

    @Test
    void defaultAccountsAreInUseWithoutUseAccount() throws Exception {
        try (FakeModelServer server = FakeModelServer.start()) {
            server.answer("Every first Friday.");
            List<String> said = Scripts.direct(
                    "TALK LLM \"When is the team lunch?\"\n",
                    settings(server, "default-accounts", "support@company.com;sales@company.com"));

            assertThat(said).containsExactly("Every first Friday.", "completed");
            assertThat(FakeModelServer.messages(server.requests().getFirst()).getFirst())
                    .contains(MEETING);
        }
    }

    @Test
    void anAccountThatIsNotConnectedFailsTheStepSayingWhere() throws Exception {
        try (FakeModelServer server = FakeModelServer.start()) {
            Map<String, String> settings = settings(server);
            assertThat(Scripts.direct("USE ACCOUNT \"sales@company.com\"\n", settings))
                    .singleElement()
                    .asString()
                    .contains(
                            "not connected",
                            accounts.resolve("sales@company.com").toString());
            assertThat(Scripts.direct("USE ACCOUNT \"../etc\"\n", settings))
                    .singleElement()
                    .asString()
                    .contains("e-mail address");
            assertThat(Scripts.direct("USE ACCOUNT \"support@company.com\"\n", Scripts.settings(server)))
                    .singleElement()
                    .asString()
                    .contains("basicflow.ai.account-folder");
        }
    }
}
