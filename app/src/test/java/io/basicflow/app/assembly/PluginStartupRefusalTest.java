package io.basicflow.app.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Third-party plugin jars that cannot work together stop the app at start, and the error names the
 * jars. Each case compiles small plugins into jars, puts them on the class path of a real {@code
 * basicflow} process, and reads its exit status and error output.
 */
class PluginStartupRefusalTest {

    @TempDir
    Path folder;

    private static String plugin(
            String packageName, String className, String pluginName, String keywords, String handler) {
        return """
                package %s;

                import io.basicflow.spi.*;
                import io.basicflow.spi.value.Value;
                import java.util.List;
                import java.util.Optional;

                public final class %s implements KeywordPlugin {
                    public String name() { return "%s"; }
                    public List<KeywordDefinition> keywords() { return %s; }
                    public Optional<KeywordHandler> handler(String keyword) { return %s; }
                }
                """.formatted(packageName, className, pluginName, keywords, handler);
    }

    private static final String SHIP_ORDER =
            "List.of(KeywordDefinition.builder(\"SHIP ORDER\").parameter(ParameterDefinition.required(\"order\", \"the order\")).build())";
    private static final String HANDLES = "Optional.of(invocation -> Value.nullValue())";

    /** Compiles one plugin class into its own jar with its META-INF/services entry. */
    private Path jar(String jarName, String packageName, String className, String source) throws IOException {
        Path sources = Files.createDirectories(folder.resolve("src-" + jarName).resolve(packageName.replace('.', '/')));
        Path file = sources.resolve(className + ".java");
        Files.writeString(file, source);
        Path classes = Files.createDirectories(folder.resolve("classes-" + jarName));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int status = compiler.run(
                null, null, null, "-d", classes.toString(), "-cp", testClassPath(), "--release", "21", file.toString());
        assertThat(status).as("compiling " + className).isZero();
        Path jar = folder.resolve(jarName);
        String qualified = packageName + "." + className;
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jarOut = new JarOutputStream(out)) {
            jarOut.putNextEntry(new JarEntry("META-INF/services/io.basicflow.spi.KeywordPlugin"));
            jarOut.write((qualified + "\n").getBytes(StandardCharsets.UTF_8));
            jarOut.closeEntry();
            String entry = qualified.replace('.', '/') + ".class";
            jarOut.putNextEntry(new JarEntry(entry));
            jarOut.write(Files.readAllBytes(classes.resolve(entry)));
            jarOut.closeEntry();
        }
        return jar;
    }

    private static String testClassPath() {
        String path = System.getProperty("surefire.test.class.path");
        return path != null && !path.isBlank() ? path : System.getProperty("java.class.path");
    }

    record Run(int status, String err) {}

    /** {@code basicflow check hello.bas} with extra jars on the class path. */
    private Run basicflowCheck(Path... jars) throws IOException, InterruptedException {
        Path script = folder.resolve("hello.bas");
        Files.writeString(script, "TALK \"hello\"\n");
        StringBuilder classPath = new StringBuilder(testClassPath());
        for (Path jar : jars) {
            classPath.append(java.io.File.pathSeparator).append(jar);
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(classPath.toString());
        command.add("io.basicflow.app.Main");
        command.add("check");
        command.add(script.toString());
        Process process = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(folder.resolve("err.txt").toFile())
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("basicflow finished")
                .isTrue();
        return new Run(process.exitValue(), Files.readString(folder.resolve("err.txt")));
    }

    @Test
    void twoJarsClaimingOneKeywordStopTheAppAndBothJarsAreNamed() throws Exception {
        Path first = jar(
                "shipping-a.jar",
                "com.acme.a",
                "ShippingA",
                plugin("com.acme.a", "ShippingA", "shipping-a", SHIP_ORDER, HANDLES));
        Path second = jar(
                "shipping-b.jar",
                "com.acme.b",
                "ShippingB",
                plugin("com.acme.b", "ShippingB", "shipping-b", SHIP_ORDER, HANDLES));

        Run run = basicflowCheck(first, second);

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err())
                .contains("SHIP ORDER")
                .contains(first.toString())
                .contains(second.toString())
                .doesNotContain("\tat ");
    }

    @Test
    void anInvalidDeclarationStopsTheAppNamingTheJar() throws Exception {
        String invalid =
                "List.of(KeywordDefinition.builder(\"SHIP ORDER\").parameter(ParameterDefinition.optional(\"a\", \"\"))"
                        + ".parameter(ParameterDefinition.required(\"b\", \"\")).build())";
        Path jar =
                jar("broken.jar", "com.acme.c", "Broken", plugin("com.acme.c", "Broken", "broken", invalid, HANDLES));

        Run run = basicflowCheck(jar);

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains(jar.toString()).contains("required parameter 'b' follows an optional one");
    }

    @Test
    void anEffectKeywordWithoutHandlerStopsTheAppNamingTheJar() throws Exception {
        Path jar = jar(
                "nohandler.jar",
                "com.acme.d",
                "NoHandler",
                plugin("com.acme.d", "NoHandler", "no-handler", SHIP_ORDER, "Optional.empty()"));

        Run run = basicflowCheck(jar);

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains(jar.toString()).contains("SHIP ORDER").containsIgnoringCase("handler");
    }

    @Test
    void aWellBehavedThirdPartyJarJustWorks() throws Exception {
        Path jar = jar(
                "shipping.jar",
                "com.acme.e",
                "Shipping",
                plugin("com.acme.e", "Shipping", "shipping", SHIP_ORDER, HANDLES));

        Run run = basicflowCheck(jar);

        assertThat(run.status()).as(run.err()).isZero();
    }
}
