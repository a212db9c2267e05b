package io.basicflow.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.basicflow.spi.ContainedPath.Reason;
import io.basicflow.spi.ContainedPath.Refused;
import io.basicflow.spi.ContainedPath.Rules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one containment rule of the bot's storage (file keywords, GET/DOWNLOAD/UPLOAD through
 * BotFiles), secure links and sites: every way out of the folder is refused with its reason, for both
 * rule sets, and plain paths resolve inside it.
 */
class ContainedPathTest {

    @TempDir
    Path root;

    private Path folder;

    @BeforeEach
    void createFolderWithLinks() throws Exception {
        folder = Files.createDirectories(root.resolve("shop.gbai/shop.gbdrive"));
        Files.createDirectories(folder.resolve("notes/real"));
        Files.writeString(folder.resolve("notes/a.txt"), "inside");
        Path outside = Files.createDirectories(root.resolve("elsewhere"));
        Files.writeString(outside.resolve("secret.txt"), "outside");
        Files.writeString(root.resolve("shop.gbai/secret.txt"), "next to the folder");
        Files.createSymbolicLink(folder.resolve("out"), outside);
        Files.createSymbolicLink(folder.resolve("secret-link.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(folder.resolve("inner"), folder.resolve("notes/real"));
        Files.createSymbolicLink(folder.resolve("gone"), root.resolve("nothing-here"));
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                // empty
                Arguments.of("", Reason.EMPTY, Reason.EMPTY),
                Arguments.of("   ", Reason.EMPTY, Reason.EMPTY),
                // '..' wherever it stands, with either separator, also percent-encoded
                Arguments.of("..", Reason.PARENT, Reason.PARENT),
                Arguments.of("../secret.txt", Reason.PARENT, Reason.PARENT),
                Arguments.of("notes/../../secret.txt", Reason.PARENT, Reason.PARENT),
                Arguments.of("notes/../a.txt", Reason.PARENT, Reason.PARENT),
                Arguments.of("..\\secret.txt", Reason.PARENT, Reason.PARENT),
                Arguments.of("notes\\..\\..\\secret.txt", Reason.PARENT, Reason.PARENT),
                Arguments.of("%2e%2e/secret.txt", Reason.PARENT, Reason.PARENT),
                Arguments.of("notes/%2E%2e/%2e%2E/secret.txt", Reason.PARENT, Reason.PARENT),
                Arguments.of(".%2e/secret.txt", Reason.PARENT, Reason.PARENT),
                // absolute paths and URLs
                Arguments.of("/etc/passwd", Reason.ABSOLUTE, Reason.ABSOLUTE),
                Arguments.of("\\etc\\passwd", Reason.ABSOLUTE, Reason.ABSOLUTE),
                Arguments.of(" /etc/passwd", Reason.ABSOLUTE, Reason.ABSOLUTE),
                Arguments.of("C:/Windows/win.ini", Reason.ABSOLUTE, Reason.ABSOLUTE),
                Arguments.of("c:\\Windows\\win.ini", Reason.ABSOLUTE, Reason.ABSOLUTE),
                Arguments.of("file:///etc/passwd", Reason.ABSOLUTE, Reason.ABSOLUTE),
                Arguments.of("notes/http://example.com/x", Reason.ABSOLUTE, Reason.ABSOLUTE),
                // NUL
                Arguments.of("a\0b.txt", Reason.INVALID, Reason.INVALID),
                Arguments.of("notes/\0", Reason.INVALID, Reason.INVALID),
                // links: out of the folder (scripts) or any link (served)
                Arguments.of("out/secret.txt", Reason.LINK_OUT, Reason.LINK),
                Arguments.of("out", Reason.LINK_OUT, Reason.LINK),
                Arguments.of("secret-link.txt", Reason.LINK_OUT, Reason.LINK),
                Arguments.of("out/new/deeper.txt", Reason.LINK_OUT, Reason.LINK),
                Arguments.of("gone/x.txt", Reason.DANGLING_LINK, Reason.LINK),
                Arguments.of("inner/x.txt", null, Reason.LINK),
                // hidden names: a script may name them, a URL may not
                Arguments.of(".link-secret", null, Reason.HIDDEN),
                Arguments.of("notes/.git/config", null, Reason.HIDDEN));
    }

    @ParameterizedTest(name = "[{index}] ''{0}'': scripts {1}, served {2}")
    @MethodSource("refused")
    void everyWayOutOfTheFolderIsRefused(String written, Reason forScripts, Reason forServed) throws Exception {
        check(written, Rules.SCRIPT, forScripts);
        check(written, Rules.SERVED, forServed);
    }

    private void check(String written, Rules rules, Reason expected) throws Exception {
        if (expected == null) {
            assertThat(ContainedPath.resolve(folder, "the bot's storage", written, rules))
                    .as(written)
                    .startsWithRaw(folder.toAbsolutePath().normalize());
            return;
        }
        Refused refused = catchThrowableOfType(
                Refused.class, () -> ContainedPath.resolve(folder, "the bot's storage", written, rules));
        assertThat(refused).as("%s refused under %s", written, rules).isNotNull();
        assertThat(refused.reason()).as(written).isEqualTo(expected);
        assertThat(refused.getMessage()).as(written).isNotBlank();
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("notes/a.txt", "notes/a.txt"),
                Arguments.of("./notes//a.txt", "notes/a.txt"),
                Arguments.of("notes\\a.txt", "notes/a.txt"),
                Arguments.of("  notes/a.txt ", "notes/a.txt"),
                Arguments.of("notes/new/b.txt", "notes/new/b.txt"),
                Arguments.of("..notes.txt", "..notes.txt"),
                Arguments.of("%2e%2e.txt", "%2e%2e.txt"),
                Arguments.of("report 2024.pdf", "report 2024.pdf"),
                Arguments.of(".", ""));
    }

    @ParameterizedTest(name = "[{index}] ''{0}'' is {1}")
    @MethodSource("accepted")
    void aPlainPathResolvesInsideTheFolder(String written, String expected) throws Exception {
        Path base = folder.toAbsolutePath().normalize();
        Path resolved = ContainedPath.resolve(folder, "the bot's storage", written, Rules.SCRIPT);
        assertThat(resolved).isEqualTo(expected.isEmpty() ? base : base.resolve(expected));
        if (!written.strip().startsWith(".")) {
            assertThat(ContainedPath.resolve(folder, "the site", written, Rules.SERVED))
                    .isEqualTo(resolved);
        }
    }
}
