package io.basicflow.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.engine.direct.Conversation;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.engine.direct.DirectRunner;
import io.basicflow.engine.direct.ScriptCompiler;
import io.basicflow.engine.interpreter.InputRequest;
import io.basicflow.engine.interpreter.RuntimeCatalogue;
import io.basicflow.spi.InputValidator.Accepted;
import io.basicflow.spi.InputValidator.Rejected;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.value.Value;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.ScriptRun;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code HEAR x AS FILE}: a channel's upload (its JSON description, a URL or a storage path) becomes
 * a file map; text that is no file gets the type's message and another try, in both modes.
 */
class FileInputTypeTest {

    /** document-processor.bas's form, then a second file. */
    static final String SCRIPT = """
            HEAR attachment AS FILE
            IF attachment != "" THEN
                upload_destination = "uploads/" + attachment.filename
                TALK "Got " + attachment.filename + " (" + attachment.type + ", " + attachment.size + " bytes) at " + attachment.path + " for " + upload_destination
            END IF
            HEAR photo AS FILE
            TALK photo.filename + " " + photo.type + " " + photo.url
            RETURN photo
            """;

    static final List<String> INPUTS = List.of(
            "here is my CV",
            "{\"path\": \"inbox/7f3a/cv.pdf\", \"filename\": \"CV Ana.pdf\", \"size\": 52311}",
            "https://cdn.example.com/img/cat%20photo.JPG?sig=1");

    static final List<String> MESSAGES = List.of(
            "Please send a file: attach it to your message.",
            "Got CV Ana.pdf (application/pdf, 52311 bytes) at inbox/7f3a/cv.pdf for uploads/CV Ana.pdf",
            "cat photo.JPG image/jpeg https://cdn.example.com/img/cat%20photo.JPG?sig=1");

    @Test
    void theThreeFormsOfAnUploadBecomeAFileMap() {
        assertThat(FileInputType.file("reports/2026/q3.xlsx"))
                .isEqualTo(new Accepted(file(
                        "q3.xlsx",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        "path",
                        "reports/2026/q3.xlsx")));
        assertThat(FileInputType.file(
                        "{\"url\": \"https://x.example/a\", \"name\": \"scan\", \"mime_type\":" + " \"image/png\"}"))
                .isEqualTo(new Accepted(file("scan", "image/png", "url", "https://x.example/a")));
        assertThat(FileInputType.file("https://x.example/files/notes.txt"))
                .isEqualTo(new Accepted(file("notes.txt", "text/plain", "url", "https://x.example/files/notes.txt")));
    }

    @Test
    void textPathsThatLeaveTheStorageAndOtherSchemesAreRefused() {
        for (String input : List.of(
                "",
                "hello",
                "yes please.",
                "../secrets/key.pem",
                "uploads/../../etc/passwd.txt",
                "/etc/passwd.txt",
                "C:/Windows/win.ini",
                "uploads\\cv.pdf",
                "ftp://example.com/a.pdf",
                "file:///etc/hosts.txt",
                "{\"path\": \"../x.pdf\"}",
                "{\"filename\": \"x.pdf\"}",
                "[1, 2]",
                "{not json")) {
            assertThat(FileInputType.file(input)).as(input).isInstanceOf(Rejected.class);
        }
    }

    @Test
    void aScriptHearsAFileTheSameWayInBothModes() {
        assertThat(runDirect()).containsExactlyElementsOf(MESSAGES);

        try (BasicflowTestKit kit = BasicflowTestKit.withPlugins(new ConversationPlugin())) {
            ScriptRun run = kit.run("documents.bas", "#workflow\n" + SCRIPT);
            for (String input : INPUTS) {
                run.input(input);
            }
            Value photo = run.awaitResult();

            assertThat(run.messages()).containsExactlyElementsOf(MESSAGES);
            assertThat(photo)
                    .isEqualTo(file(
                            "cat photo.JPG", "image/jpeg", "url", "https://cdn.example.com/img/cat%20photo.JPG?sig=1"));
            assertThat(run.events("InputRejected")).hasSize(1);
            assertThat(run.events("InputReceived")).hasSize(2);
        }
    }

    private static Value file(String filename, String type, String whereKey, String where) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("filename", filename);
        map.put("type", type);
        map.put(whereKey, where);
        return Value.of(map);
    }

    private static List<String> runDirect() {
        List<KeywordPlugin> plugins = List.of(new CorePlugin(), new ConversationPlugin());
        ScriptService compiler = new ScriptService(KeywordCatalogue.of(plugins));
        RuntimeCatalogue catalogue = RuntimeCatalogue.of(plugins, Map.of(), Clock.systemUTC());
        DirectRunner runner =
                DirectRunner.builder(catalogue, ScriptCompiler.using(compiler)).build();
        Deque<String> pending = new ArrayDeque<>(INPUTS);
        List<String> messages = new ArrayList<>();
        DirectOutcome outcome = runner.run(
                        compiler.compile("documents.bas", SCRIPT).program(),
                        Map.<String, Value>of(),
                        new Conversation() {
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
