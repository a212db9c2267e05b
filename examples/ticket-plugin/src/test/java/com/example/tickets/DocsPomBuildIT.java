package com.example.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pom that {@code docs/plugins.md} tells a plugin author to copy builds, as written, with a real
 * Maven (this repository's wrapper) in an empty folder, offline: it must import the BOM (else the
 * basicflow artifacts have no version, and the test kit's PostgreSQL binaries are not the 17.7.0
 * that the local repository holds), and the plugin's tests must run on the test kit. The folder gets
 * the example plugin's own sources and its dialog test, and {@code ../ticket.bas} beside it, as in
 * this repository.
 *
 * <p>basicflow is not published: the reactor's own artifacts (its poms, and jars made from the
 * modules' compiled classes) are laid out in a temporary local repository, which Maven reads first;
 * everything else comes read-only from the build's own local repository ({@code
 * maven.repo.local.tail}, Maven 3.9). Nothing is installed into the shared one.
 */
class DocsPomBuildIT {

    private static final Pattern POM_SNIPPET =
            Pattern.compile("<!-- snippet: pom -->\\n```xml\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern PIN =
            Pattern.compile("<artifactId>maven-([a-z]+)-plugin</artifactId>\\s*<version>([^<]+)</version>");
    private static final Pattern PLUGIN_RUN = Pattern.compile("--- ([a-z]+):([^:\\s]+):[A-Za-z-]+ ");

    @TempDir
    Path folder;

    private static Path root() {
        String root = System.getProperty("basicflow.root");
        return root != null ? Path.of(root) : Path.of("..", "..");
    }

    @Test
    void theDocumentedPomBuildsThePluginAndRunsItsTestOffline() throws Exception {
        Path root = root().toAbsolutePath().normalize();
        Matcher pom = POM_SNIPPET.matcher(Files.readString(root.resolve("docs/plugins.md"), StandardCharsets.UTF_8));
        assertThat(pom.find())
                .as("docs/plugins.md has a block marked <!-- snippet: pom -->")
                .isTrue();

        Path project = Files.createDirectories(folder.resolve("ticket-plugin"));
        Files.writeString(project.resolve("pom.xml"), pom.group(1) + "\n", StandardCharsets.UTF_8);
        copyTree(root.resolve("examples/ticket-plugin/src/main"), project.resolve("src/main"));
        Path test = Files.createDirectories(project.resolve("src/test/java/com/example/tickets"));
        Files.copy(
                root.resolve("examples/ticket-plugin/src/test/java/com/example/tickets/TicketDialogTest.java"),
                test.resolve("TicketDialogTest.java"));
        Files.copy(root.resolve("examples/ticket.bas"), folder.resolve("ticket.bas"));

        Path repository = folder.resolve("repository");
        layOutReactor(root, repository);

        List<String> command = List.of(
                root.resolve("mvnw").toString(),
                "-o",
                "-B",
                "-Dmaven.repo.local=" + repository,
                "-Dmaven.repo.local.tail=" + sharedRepository(),
                "-f",
                project.resolve("pom.xml").toString(),
                "verify");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("maven.log").toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("MAVEN_OPTS");
        Process maven = builder.start();
        boolean ended = maven.waitFor(10, TimeUnit.MINUTES);
        if (!ended) {
            maven.destroyForcibly();
        }
        String log = Files.readString(folder.resolve("maven.log"), StandardCharsets.UTF_8);
        assertThat(ended).as("Maven ended in time:\n%s", log).isTrue();
        assertThat(maven.exitValue()).as("Maven's exit status:\n%s", log).isZero();
        assertThat(log).contains("Tests run: 3, Failures: 0, Errors: 0, Skipped: 0");
        assertThat(project.resolve("target/ticket-plugin-1.0.0.jar")).exists();
        // Every plugin the build ran is one the pom pins, at that version: Maven 3.8's defaults are
        // too old for Java 21 and JUnit 5, so a lost pin breaks the build for many readers.
        Map<String, String> pinned = new HashMap<>();
        Matcher pin = PIN.matcher(pom.group(1));
        while (pin.find()) {
            pinned.put(pin.group(1), pin.group(2));
        }
        Matcher ran = PLUGIN_RUN.matcher(log);
        int runs = 0;
        while (ran.find()) {
            runs++;
            assertThat(pinned)
                    .as("the pom pins maven-%s-plugin", ran.group(1))
                    .containsEntry(ran.group(1), ran.group(2));
        }
        assertThat(runs).as("plugin executions in the log").isGreaterThanOrEqualTo(5);
    }

    /** The local repository the build itself resolves from (read-only here). */
    private static Path sharedRepository() {
        String configured = System.getProperty("basicflow.local.repository");
        return configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /**
     * Writes every module of the reactor into a local repository's layout: its pom, and for a jar
     * module a jar of its compiled classes (they exist whatever phase this build stops at).
     */
    private static void layOutReactor(Path root, Path repository) throws IOException {
        String rootPom = Files.readString(root.resolve("pom.xml"), StandardCharsets.UTF_8);
        String version = version(rootPom);
        install(repository, "basicflow-parent", version, root.resolve("pom.xml"), null);
        Matcher modules = MODULE.matcher(rootPom);
        while (modules.find()) {
            if (modules.group(1).startsWith("examples/")) {
                continue; // examples are not basicflow's artifacts
            }
            Path module = root.resolve(modules.group(1));
            String modulePom = Files.readString(module.resolve("pom.xml"), StandardCharsets.UTF_8);
            String artifactId = artifactId(modulePom);
            Path classes = module.resolve("target/classes");
            boolean jar =
                    !modulePom.contains("<packaging>pom</packaging>") && Files.isDirectory(module.resolve("src/main"));
            assertThat(!jar || Files.isDirectory(classes))
                    .as("%s is compiled (run this test after the reactor's compile)", module)
                    .isTrue();
            install(repository, artifactId, version, module.resolve("pom.xml"), jar ? classes : null);
        }
    }

    private static void install(Path repository, String artifactId, String version, Path pom, Path classes)
            throws IOException {
        Path directory = Files.createDirectories(repository.resolve("io/basicflow/" + artifactId + "/" + version));
        Files.copy(pom, directory.resolve(artifactId + "-" + version + ".pom"));
        if (classes != null) {
            jar(classes, directory.resolve(artifactId + "-" + version + ".jar"));
        }
    }

    private static void jar(Path classes, Path jar) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(classes)) {
            walk.filter(path -> !path.equals(classes)).sorted().forEach(entries::add);
        }
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream archive = new JarOutputStream(out)) {
            for (Path entry : entries) {
                String name = classes.relativize(entry).toString().replace('\\', '/');
                // folders get entries too, as Maven's jars have: Flyway finds db/migration through them
                boolean folder = Files.isDirectory(entry);
                archive.putNextEntry(new JarEntry(folder ? name + "/" : name));
                if (!folder) {
                    Files.copy(entry, archive);
                }
                archive.closeEntry();
            }
        }
    }

    private static String version(String rootPom) {
        Matcher matcher = Pattern.compile("<artifactId>basicflow-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(rootPom);
        assertThat(matcher.find()).as("the root pom names its version").isTrue();
        return matcher.group(1);
    }

    private static String artifactId(String modulePom) {
        String afterParent = modulePom.substring(Math.max(0, modulePom.indexOf("</parent>")));
        Matcher matcher = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(afterParent);
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
