package io.basicflow.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.ScriptRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code CREATE SITE} with the model at a local OpenAI-compatible server: the templates and the prompt
 * reach the model, its HTML becomes the site's index.html beside the templates' assets, the same direct
 * and durable; aliases and template folders cannot leave their folders; an answer that is no HTML
 * document fails the step.
 */
class CreateSiteTest {

    static final String PAGE = "<!DOCTYPE html>\n<html><head><script src=\"_assets/htmx.min.js\"></script></head>"
            + "<body><div id=\"contacts\" hx-get=\"/api/data/contacts\" hx-trigger=\"load\"></div></body></html>";

    @TempDir
    Path root;

    private Map<String, String> settings(FakeModelServer model, Path sites) throws Exception {
        Path templates = Files.createDirectories(root.resolve("bottemplates/apps/crud/_assets"));
        Files.writeString(templates.getParent().resolve("layout.html"), "<main class=\"app-layout\"></main>");
        Files.writeString(templates.getParent().resolve("form.html"), "<form class=\"app-form\"></form>");
        Files.writeString(templates.getParent().resolve("notes.txt"), "not a template");
        Files.writeString(templates.resolve("htmx.min.js"), "/* htmx */");
        return Scripts.settings(model, "sites-folder", sites.toString(), "site-templates-folder", root.toString());
    }

    static final String SCRIPT = """
            where = CREATE SITE "crm", "bottemplates/apps/crud", "
            Build a CRM with a contact list and a form to add a contact
            "
            TALK "ready at " + where
            """;

    @Test
    void theModelsPageIsWrittenBesideTheAssetsTheSameDirectAndDurable() throws Exception {
        try (FakeModelServer model = FakeModelServer.start()) {
            model.answer("```html\n" + PAGE + "\n```").answer("Here it is:\n" + PAGE + "\nEnjoy.");
            Path directSites = root.resolve("direct-sites");
            assertThat(Scripts.direct(SCRIPT, settings(model, directSites)))
                    .containsExactly("ready at /sites/crm/", "completed");

            Path durableSites = root.resolve("durable-sites");
            try (BasicflowTestKit kit = Scripts.kit(settings(model, durableSites))) {
                ScriptRun run = kit.run("#workflow\n" + SCRIPT).awaitStatus(ExecutionStatus.COMPLETED);
                assertThat(run.messages()).containsExactly("ready at /sites/crm/");
                assertThat(run.events("EffectCompleted")).hasSize(1);
            }
            for (Path sites : List.of(directSites, durableSites)) {
                assertThat(sites.resolve("crm/index.html")).hasContent(PAGE);
                assertThat(sites.resolve("crm/_assets/htmx.min.js")).hasContent("/* htmx */");
                try (var files = Files.list(sites.resolve("crm"))) {
                    assertThat(files.map(f -> f.getFileName().toString()))
                            .containsExactlyInAnyOrder("index.html", "_assets");
                }
            }
            List<String> asked = FakeModelServer.messages(model.requests().getFirst());
            assertThat(asked.getFirst()).startsWith("system: You build a single-page web application");
            assertThat(asked.get(1))
                    .contains("===== form.html =====", "app-form", "===== layout.html =====", "app-layout")
                    .contains("Build a CRM with a contact list")
                    .doesNotContain("not a template");
        }
    }

    @Test
    void aliasesAndTemplateFoldersCannotLeaveTheirFoldersAndProseIsNoPage() throws Exception {
        try (FakeModelServer model = FakeModelServer.start()) {
            model.answer("I cannot build that, sorry.");
            Path sites = root.resolve("sites");
            Map<String, String> settings = new LinkedHashMap<>(settings(model, sites));

            assertThat(Scripts.direct("CREATE SITE \"../evil\", \"bottemplates/apps/crud\", \"x\"\n", settings)
                            .getLast())
                    .contains("CREATE SITE needs an alias of lower case letters, digits and dashes")
                    .contains("'../evil'");
            assertThat(Scripts.direct("CREATE SITE \"crm\", \"../../etc\", \"x\"\n", settings)
                            .getLast())
                    .contains("the template folder '../../etc' must be a folder inside");
            assertThat(Scripts.direct("CREATE SITE \"crm\", \"bottemplates/none\", \"x\"\n", settings)
                            .getLast())
                    .contains("there is no template folder");
            assertThat(model.requests()).isEmpty();

            assertThat(Scripts.direct("CREATE SITE \"crm\", \"bottemplates/apps/crud\", \"x\"\n", settings)
                            .getLast())
                    .contains("the model did not answer with an HTML document")
                    .contains("I cannot build that");
            assertThat(sites.resolve("crm/index.html")).doesNotExist();
        }
    }
}
