package io.basicflow.app.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.engine.api.BotNames;
import io.basicflow.engine.state.ChildRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** General Bots bot folders ({@code name.gbai/name.gbdialog/*.bas}) in a scripts folder. */
class BotFolderLibraryTest {

    private static final ScriptChecker NO_ERRORS =
            (name, source) -> new ScriptCheck(ScriptMode.declaredBy(source), List.of());

    @TempDir
    Path base;

    Path root;

    @BeforeEach
    void folders() throws IOException {
        root = Files.createDirectories(base.resolve("bots"));
    }

    private void write(Path folder, String name, String source) throws IOException {
        Path file = folder.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
    }

    private List<String> names(FolderScriptLibrary library) {
        return library.list().scripts().stream().map(ScriptInfo::name).toList();
    }

    @Test
    void everyLayoutOfTheCorpusIsNamedByItsBot() throws IOException {
        write(root, "support.gbai/support.gbdialog/start.bas", "TALK \"hi\"\n");
        write(root, "support.gbai/support.gbdialog/refund.bas", "PARAM amount AS NUMBER\nRETURN amount\n");
        // A category folder above the package, and a dialog folder named unlike its package.
        write(root, "legal/hipaa-medical.gbai/hipaa.gbdialog/start.bas", "TALK 1\n");
        // A package holding its scripts directly.
        write(root, "ai/orders.gbai/orders.bas", "TALK 2\n");
        // A plain script beside the bots keeps its path.
        write(root, "plain/ticket.bas", "TALK 3\n");
        write(root, "support.gbai/support.gbkb/readme.md", "not a script");

        FolderScriptLibrary library = new FolderScriptLibrary(root, NO_ERRORS);

        assertThat(names(library))
                .containsExactly(
                        "hipaa-medical/start.bas",
                        "orders/orders.bas",
                        "plain/ticket.bas",
                        "support/refund.bas",
                        "support/start.bas");
        assertThat(library.list().problems()).isEmpty();
        assertThat(names(library))
                .allSatisfy(name -> assertThat(BotNames.botOf(name)).isPresent());
        assertThat(library.load("support/start.bas").source()).isEqualTo("TALK \"hi\"\n");
        assertThat(library.load("hipaa-medical/start").info().name()).isEqualTo("hipaa-medical/start.bas");
        assertThat(library.load("orders/orders.bas").source()).isEqualTo("TALK 2\n");
    }

    @Test
    void aBotsNameAloneLoadsItsStartScriptAndItsPathOnDiskGetsItsBotName() throws IOException {
        write(root, "support.gbai/support.gbdialog/start.bas", "TALK \"hi\"\n");
        FolderScriptLibrary library = new FolderScriptLibrary(root, NO_ERRORS);

        assertThat(library.load("support").info().name()).isEqualTo("support/start.bas");
        assertThat(library.load("support.gbai/support.gbdialog/start.bas")
                        .info()
                        .name())
                .isEqualTo("support/start.bas");
        assertThatThrownBy(() -> library.load("suport"))
                .isInstanceOf(ScriptNotFoundException.class)
                .hasMessageContaining("suport");
        assertThatThrownBy(() -> library.load("support/../x.bas")).isInstanceOf(ScriptNameException.class);
    }

    @Test
    void theScriptsFolderMayBeABotFolderItself() throws IOException {
        Path bot = Files.createDirectories(base.resolve("greeter.gbai"));
        write(bot, "greeter.gbdialog/start.bas", "TALK 1\n");
        write(bot, "greeter.gbdialog/helper.bas", "TALK 2\n");

        FolderScriptLibrary library = new FolderScriptLibrary(bot, NO_ERRORS);

        assertThat(names(library)).containsExactly("greeter/helper.bas", "greeter/start.bas");
        assertThat(library.load("greeter").source()).isEqualTo("TALK 1\n");
        assertThat(new FolderScriptLibrary(bot.resolve("greeter.gbdialog"), NO_ERRORS)
                        .load("greeter/start.bas")
                        .source())
                .isEqualTo("TALK 1\n");
    }

    @Test
    void twoBotsOfOneNameAreReportedInsteadOfOneHidingTheOther() throws IOException {
        write(root, "core/faq.gbai/faq.gbdialog/start.bas", "TALK \"core\"\n");
        write(root, "it/faq.gbai/faq.gbdialog/start.bas", "TALK \"it\"\n");

        ScriptListing listing = new FolderScriptLibrary(root, NO_ERRORS).list();

        assertThat(listing.scripts()).extracting(ScriptInfo::name).containsExactly("faq/start.bas");
        assertThat(listing.problems())
                .singleElement()
                .satisfies(problem -> assertThat(problem.message())
                        .contains("it/faq.gbai/faq.gbdialog/start.bas")
                        .contains("rename one"));
    }

    @Test
    void scriptsWithoutWorkflowRunInTheLibrarysDefaultMode() throws IOException {
        write(root, "support.gbai/support.gbdialog/start.bas", "TALK \"hi\"\n");
        write(root, "marked.bas", "#workflow\nTALK 1\n");

        FolderScriptLibrary durable = new FolderScriptLibrary(
                root, NO_ERRORS, FolderScriptLibrary.DEFAULT_MAX_SCRIPT_BYTES, ScriptMode.WORKFLOW);
        FolderScriptLibrary direct = new FolderScriptLibrary(
                root, NO_ERRORS, FolderScriptLibrary.DEFAULT_MAX_SCRIPT_BYTES, ScriptMode.DIRECT);

        assertThat(durable.list().scripts()).extracting(ScriptInfo::mode).containsOnly(ScriptMode.WORKFLOW);
        assertThat(durable.check("x.bas", "TALK 1\n").mode()).isEqualTo(ScriptMode.WORKFLOW);
        assertThat(direct.list().scripts())
                .extracting(ScriptInfo::mode)
                .containsExactly(ScriptMode.WORKFLOW, ScriptMode.DIRECT);
        assertThat(direct.check("x.bas", "TALK 1\n").mode()).isEqualTo(ScriptMode.DIRECT);
    }

    @Test
    void aBotsCallsResolveInItsOwnFolder() throws IOException {
        write(root, "support.gbai/support.gbdialog/start.bas", "CALL \"refund.bas\"\n");
        write(root, "support.gbai/support.gbdialog/refund.bas", "TALK \"support's refund\"\n");
        write(root, "sales.gbai/sales.gbdialog/refund.bas", "TALK \"sales' refund\"\n");
        write(root, "refund.bas", "TALK \"top refund\"\n");
        LibraryScriptResolver resolver = new LibraryScriptResolver(new FolderScriptLibrary(root, NO_ERRORS));

        assertThat(resolver.resolve(
                        new ChildRequest(ChildRequest.Kind.SCRIPT, "refund", "support/start.bas", List.of())))
                .hasValueSatisfying(script -> {
                    assertThat(script.name()).isEqualTo("support/refund.bas");
                    assertThat(script.source()).contains("support's refund");
                });
        assertThat(resolver.resolve(new ChildRequest(ChildRequest.Kind.SCRIPT, "refund.bas", "ticket.bas", List.of())))
                .hasValueSatisfying(script -> assertThat(script.source()).contains("top refund"));
        assertThat(resolver.resolve(
                        new ChildRequest(ChildRequest.Kind.SCRIPT, "nothing", "support/start.bas", List.of())))
                .isEmpty();
    }
}
