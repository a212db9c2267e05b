package io.basicflow.app.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FolderScriptLibraryTest {

    private static final ScriptChecker NO_ERRORS =
            (name, source) -> new ScriptCheck(ScriptMode.declaredBy(source), List.of());

    @TempDir
    Path base;

    Path root;
    Path outside;
    FolderScriptLibrary library;

    @BeforeEach
    void folders() throws IOException {
        root = Files.createDirectories(base.resolve("scripts"));
        outside = Files.createDirectories(base.resolve("outside"));
        library = new FolderScriptLibrary(root, NO_ERRORS);
    }

    private Path write(String name, String source) throws IOException {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, source);
    }

    @Test
    void listsScriptsOfEveryFolderSortedWithSizeModifiedAndDeclaredMode() throws IOException {
        Path ticket = write("ticket.bas", "#workflow\nTALK \"hi\"\n");
        Files.setLastModifiedTime(ticket, FileTime.from(Instant.parse("2026-01-02T03:04:05Z")));
        write("a/b/deep.bas", "TALK 1\n");
        write("notes.txt", "not a script");
        write(".hidden.bas", "#workflow\n");
        write(".git/inside.bas", "#workflow\n");

        ScriptListing listing = library.list();

        assertThat(listing.scripts()).extracting(ScriptInfo::name).containsExactly("a/b/deep.bas", "ticket.bas");
        ScriptInfo info = listing.scripts().get(1);
        assertThat(info.size()).isEqualTo(Files.size(ticket));
        assertThat(info.modified()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(info.mode()).isEqualTo(ScriptMode.WORKFLOW);
        assertThat(listing.scripts().get(0).mode()).isEqualTo(ScriptMode.DIRECT);
        assertThat(listing.problems()).isEmpty();
    }

    @Test
    void loadsByExactNameWithOrWithoutTheExtension() throws IOException {
        write("support/refund.bas", "#workflow\nHEAR order\n");

        ScriptSource withExtension = library.load("support/refund.bas");
        ScriptSource without = library.load("support/refund");

        assertThat(withExtension.info().name()).isEqualTo("support/refund.bas");
        assertThat(withExtension.source()).isEqualTo("#workflow\nHEAR order\n");
        assertThat(without).isEqualTo(withExtension);
    }

    @Test
    void dropsAByteOrderMark() throws IOException {
        Files.write(root.resolve("bom.bas"), "\uFEFF#workflow\nTALK 1\n".getBytes(StandardCharsets.UTF_8));

        ScriptSource script = library.load("bom.bas");

        assertThat(script.source()).isEqualTo("#workflow\nTALK 1\n");
        assertThat(script.info().mode()).isEqualTo(ScriptMode.WORKFLOW);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "  ",
                "../outside/x.bas",
                "a/../../x.bas",
                "./x.bas",
                "a//x.bas",
                "/etc/passwd",
                "C:x.bas",
                "a\\x.bas",
                "x\u0000.bas",
                "line\nbreak.bas",
                ".hidden.bas",
                "a/.git/x.bas",
                ".bas",
                "a/.bas"
            })
    void refusesNamesThatCouldLeaveTheFolderOrAreNotScripts(String name) {
        assertThatThrownBy(() -> library.load(name))
                .isInstanceOf(ScriptNameException.class)
                .hasMessageContaining("is refused");
    }

    @Test
    void refusesAVeryLongName() {
        assertThatThrownBy(() -> library.load("x".repeat(600)))
                .isInstanceOf(ScriptNameException.class)
                .hasMessageContaining("longer than 512");
    }

    @Test
    void followsLinksThatStayInsideAndRefusesLinksThatLeadOut() throws IOException {
        write("real.bas", "TALK 1\n");
        Files.createSymbolicLink(root.resolve("alias.bas"), root.resolve("real.bas"));
        Files.writeString(outside.resolve("secret.bas"), "TALK \"secret\"\n");
        Files.createSymbolicLink(root.resolve("escape.bas"), outside.resolve("secret.bas"));
        Files.createSymbolicLink(root.resolve("elsewhere"), outside);

        assertThat(library.load("alias.bas").source()).isEqualTo("TALK 1\n");
        assertThatThrownBy(() -> library.load("escape.bas"))
                .isInstanceOf(ScriptNameException.class)
                .hasMessageContaining("leads outside the scripts folder");
        assertThatThrownBy(() -> library.load("elsewhere/secret.bas"))
                .isInstanceOf(ScriptNameException.class)
                .hasMessageContaining("leads outside the scripts folder");

        ScriptListing listing = library.list();
        assertThat(listing.scripts()).extracting(ScriptInfo::name).containsExactly("alias.bas", "real.bas");
        assertThat(listing.problems())
                .extracting(ScriptListing.Problem::name)
                .containsExactly("elsewhere", "escape.bas");
    }

    @Test
    void aLinkThatLeadsNowhereIsNotFoundAndListedAsAProblem() throws IOException {
        Files.createSymbolicLink(root.resolve("dangling.bas"), root.resolve("gone.bas"));

        assertThatThrownBy(() -> library.load("dangling.bas")).isInstanceOf(ScriptNotFoundException.class);
        assertThat(library.list().problems())
                .singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("leads nowhere"));
    }

    @Test
    void aFolderLinkLoopIsReportedNotFollowedForever() throws IOException {
        write("a/x.bas", "TALK 1\n");
        Files.createSymbolicLink(root.resolve("a/loop"), root.resolve("a"));

        ScriptListing listing = library.list();

        assertThat(listing.scripts()).extracting(ScriptInfo::name).containsExactly("a/x.bas");
        assertThat(listing.problems()).extracting(ScriptListing.Problem::name).containsExactly("a/loop");
    }

    @Test
    void anUnknownNameIsNotFoundWithNearbySuggestions() throws IOException {
        write("ticket.bas", "TALK 1\n");
        write("tickets.bas", "TALK 1\n");
        write("zebra.bas", "TALK 1\n");

        assertThatThrownBy(() -> library.load("tiket.bas")).isInstanceOfSatisfying(ScriptNotFoundException.class, e -> {
            assertThat(e.nearbyNames()).containsExactly("ticket.bas", "tickets.bas");
            assertThat(e.getMessage()).contains("did you mean 'ticket.bas', 'tickets.bas'?");
        });
        assertThatThrownBy(() -> library.load("completely-different.bas"))
                .isInstanceOfSatisfying(
                        ScriptNotFoundException.class,
                        e -> assertThat(e.nearbyNames()).isEmpty());
    }

    @Test
    void aFolderNamedLikeAScriptIsNotAScript() throws IOException {
        Files.createDirectories(root.resolve("folder.bas"));

        assertThatThrownBy(() -> library.load("folder.bas")).isInstanceOf(ScriptNotFoundException.class);
        assertThat(library.list().scripts()).isEmpty();
    }

    @Test
    void aScriptOverTheLimitIsTooLargeToLoadAndAProblemInTheListing() throws IOException {
        FolderScriptLibrary small = new FolderScriptLibrary(root, NO_ERRORS, 10);
        write("big.bas", "TALK \"more than ten bytes\"\n");
        write("tiny.bas", "TALK 1\n");

        assertThatThrownBy(() -> small.load("big.bas")).isInstanceOfSatisfying(ScriptTooLargeException.class, e -> {
            assertThat(e.limit()).isEqualTo(10);
            assertThat(e.size()).isEqualTo(27);
        });
        ScriptListing listing = small.list();
        assertThat(listing.scripts()).extracting(ScriptInfo::name).containsExactly("tiny.bas");
        assertThat(listing.problems()).extracting(ScriptListing.Problem::name).containsExactly("big.bas");
    }

    @Test
    void aMissingFolderSaysSo() {
        FolderScriptLibrary missing = new FolderScriptLibrary(base.resolve("nope"), NO_ERRORS);

        assertThatThrownBy(missing::list)
                .isInstanceOf(ScriptFolderException.class)
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> missing.load("x.bas"))
                .isInstanceOf(ScriptFolderException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void aFileInsteadOfAFolderSaysSo() throws IOException {
        Path file = Files.writeString(base.resolve("file"), "x");

        assertThatThrownBy(() -> new FolderScriptLibrary(file, NO_ERRORS).list())
                .isInstanceOf(ScriptFolderException.class)
                .hasMessageContaining("is not a folder");
    }

    @Test
    void checkHandsTheSourceWithoutByteOrderMarkToTheChecker() {
        FolderScriptLibrary checking = new FolderScriptLibrary(
                root,
                (name, source) -> new ScriptCheck(
                        ScriptMode.DIRECT,
                        List.of(ScriptDiagnostic.error(name, 1, 1, "saw " + source.length() + " chars", source))));

        ScriptCheck check = checking.check("draft.bas", "\uFEFFTALK");

        assertThat(check.compiles()).isFalse();
        assertThat(check.diagnostics().getFirst().message()).isEqualTo("saw 4 chars");
        assertThat(check.diagnostics().getFirst().formatted()).isEqualTo("draft.bas:1:1: error: saw 4 chars\nTALK\n^");
    }
}
