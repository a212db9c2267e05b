package io.basicflow.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.spi.KeywordPlugin;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A setting's default is written twice: in {@link Setting} (the README's reference, and the value the
 * server puts into every plugin's configuration) and in the plugin's own code, the fallback it uses
 * when its configuration has no such key (an embedding without {@link Configuration}, the testkit). The
 * two must be equal, or a script behaves differently under {@code serve} and under the testkit.
 *
 * <p>This loads every bundled plugin ({@link ServiceLoader}), finds the sources of the module each
 * comes from, and reads every fallback the code writes as {@code configuration.get("key", "x")},
 * {@code getInt("key", 10_000)} or {@code getBoolean("key", false)}, a literal or a constant of the
 * same file; for every key that one of the module's plugins names in {@link Setting} ({@code
 * basicflow.<plugin>.<key>}), the fallback must be the Setting's default. A fallback that is no
 * literal (a {@code Duration}, a computed value) is not checked here.
 */
class PluginDefaultsTest {

    /** {@code x.get("key", default)}, {@code getInt}, {@code getBoolean}, or a helper {@code f(configuration[, other], "key", default …)}. */
    private static final Pattern CALL = Pattern.compile(
            "(?:\\.(?:get|getInt|getBoolean)\\(|\\b[a-z][A-Za-z0-9]*\\((?:\\s*[a-z][A-Za-z0-9]*\\s*,){1,2})"
                    + "\\s*\"([A-Za-z0-9.<>_-]+)\"\\s*,");
    /** {@code get("key")[.filter(…)].orElse(default)}. */
    private static final Pattern OR_ELSE = Pattern.compile(
            "\"([A-Za-z0-9.<>_-]+)\"\\s*\\)\\s*(?:\\.filter\\([^()]*(?:\\([^()]*\\)[^()]*)*\\)\\s*)?\\.orElse\\(");

    private static final Pattern CONSTANT =
            Pattern.compile("static\\s+final\\s+(?:int|long|String|boolean)\\s+([A-Z][A-Z0-9_]*)\\s*=\\s*([^;]+);");
    private static final Pattern SHIFTED = Pattern.compile("([0-9_]+)L?\\s*<<\\s*([0-9]+)");
    private static final Pattern PRODUCT = Pattern.compile("[0-9_]+L?(?:\\s*\\*\\s*[0-9_]+L?)*");

    /** A fallback found in a plugin's code: the key as the plugin reads it (no prefix) and the default. */
    record Fallback(String file, String key, String value) {}

    @Test
    void everyBundledPluginFallsBackToTheDefaultItsSettingDeclares() throws Exception {
        Map<Path, Set<String>> pluginsByModule = new TreeMap<>();
        for (KeywordPlugin plugin : ServiceLoader.load(KeywordPlugin.class)) {
            moduleOf(plugin.getClass())
                    .ifPresent(module -> pluginsByModule
                            .computeIfAbsent(module, ignored -> new TreeSet<>())
                            .add(plugin.name()));
        }
        assertThat(pluginsByModule.keySet())
                .as("the bundled plugins' modules, found from their classes")
                .extracting(module -> module.getFileName().toString())
                .contains("keywords-files", "keywords-http", "keywords-mail", "keywords-ai", "keywords-sms");

        // Configuration puts only non-empty defaults into the map: an empty one leaves the plugin's own
        Map<String, String> injected = new HashMap<>();
        for (Setting setting : Setting.values()) {
            if (!setting.defaultValue().isEmpty()) {
                injected.put(setting.key(), setting.defaultValue());
            }
        }
        List<String> differences = new ArrayList<>();
        Set<String> compared = new TreeSet<>();
        for (Map.Entry<Path, Set<String>> module : pluginsByModule.entrySet()) {
            for (Fallback fallback : fallbacks(module.getKey())) {
                for (String plugin : module.getValue()) {
                    String key = "basicflow." + plugin + "." + fallback.key();
                    String declared = injected.get(key);
                    if (declared != null) {
                        compared.add(key);
                        if (!declared.equals(fallback.value())) {
                            differences.add(key + ": Setting says '" + declared + "', "
                                    + module.getKey().getFileName() + "/" + fallback.file() + " falls back to '"
                                    + fallback.value() + "'");
                        }
                    }
                }
            }
        }
        assertThat(differences)
                .as("settings whose default differs from the plugin's fallback")
                .isEmpty();
        assertThat(compared)
                .as("Settings compared with a plugin's fallback")
                .hasSizeGreaterThanOrEqualTo(35)
                .contains(
                        "basicflow.http.max-redirects", "basicflow.files.max-file-bytes", "basicflow.mail.timeout-ms");
    }

    @Test
    void theScannerReadsEachWayAPluginWritesAFallback() {
        String source = """
                class X {
                    static final int LIMIT = 1_000;
                    static final String FOLDER = "scripts";
                    void read(PluginConfiguration configuration) {
                        configuration.getInt("max-redirects", 7);
                        configuration.get("zone", "UTC");
                        configuration.getBoolean("enabled", false);
                        configuration.getInt("find-limit", LIMIT);
                        configuration.get("folder", FOLDER);
                        configuration.getInt("max-file-bytes", 1 << 20);
                        positive(configuration, "timeout-ms", 30_000);
                        bounded(configuration, keyword, "memory-mb", 512, 4096);
                        get("attempts").orElse("4");
                        configuration.get("sites-folder").filter(v -> !v.isBlank()).orElse("sites");
                        configuration.getInt("timeout-ms", (int) DEFAULT.toMillis());
                    }
                }
                """;
        assertThat(fallbacksIn("X.java", source))
                .extracting(fallback -> fallback.key() + "=" + fallback.value())
                .containsExactly(
                        "max-redirects=7",
                        "zone=UTC",
                        "enabled=false",
                        "find-limit=1000",
                        "folder=scripts",
                        "max-file-bytes=1048576",
                        "timeout-ms=30000",
                        "memory-mb=512",
                        "attempts=4",
                        "sites-folder=sites");
    }

    /** The module folder (holding {@code src/main/java}) a class was built from: its classes folder or jar. */
    private static Optional<Path> moduleOf(Class<?> type) throws URISyntaxException {
        Path location =
                Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path root = Path.of(System.getProperty("basicflow.root", ".."))
                .toAbsolutePath()
                .normalize();
        Path module;
        if (Files.isDirectory(location)
                || location.getParent().getFileName().toString().equals("target")) {
            module = location.getParent().getParent(); // <module>/target/classes or <module>/target/<jar>
        } else {
            // a jar from the local repository: <artifactId>/<version>/<artifactId>-<version>.jar
            module = root.resolve(location.getParent().getParent().getFileName().toString());
        }
        return Files.isDirectory(module.resolve("src/main/java")) ? Optional.of(module) : Optional.empty();
    }

    private static List<Fallback> fallbacks(Path module) throws IOException {
        List<Fallback> found = new ArrayList<>();
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(module.resolve("src/main/java"))) {
            sources = walk.filter(path -> path.toString().endsWith(".java"))
                    .sorted()
                    .toList();
        }
        for (Path source : sources) {
            found.addAll(fallbacksIn(
                    module.relativize(source).toString(), Files.readString(source, StandardCharsets.UTF_8)));
        }
        return found;
    }

    /** The fallbacks of one source file whose default is a literal or a constant of the file, in order. */
    private static List<Fallback> fallbacksIn(String file, String text) {
        Map<String, String> constants = new HashMap<>();
        Matcher constant = CONSTANT.matcher(text);
        while (constant.find()) {
            constants.put(constant.group(1), constant.group(2).strip());
        }
        Map<Integer, Fallback> found = new TreeMap<>();
        for (Pattern pattern : List.of(CALL, OR_ELSE)) {
            Matcher call = pattern.matcher(text);
            while (call.find()) {
                String key = call.group(1);
                value(argument(text, call.end()), constants, 0)
                        .ifPresent(value -> found.put(call.start(), new Fallback(file, key, value)));
            }
        }
        return List.copyOf(found.values());
    }

    /** The text of the argument starting at {@code from}: up to the next comma or closing parenthesis of its level. */
    private static String argument(String text, int from) {
        int depth = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                i = text.indexOf('"', i + 1);
                if (i < 0) {
                    break;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')' || c == ',') {
                if (depth == 0) {
                    return text.substring(from, i).strip();
                }
                if (c == ')') {
                    depth--;
                }
            }
        }
        return "";
    }

    /** A literal's value as the configuration would hold it, or empty when the expression is no literal. */
    private static Optional<String> value(String expression, Map<String, String> constants, int depth) {
        String written = expression.strip();
        if (depth > 3) {
            return Optional.empty();
        }
        if (written.matches("\"[^\"\\\\]*\"")) {
            return Optional.of(written.substring(1, written.length() - 1));
        }
        if (written.equals("true") || written.equals("false")) {
            return Optional.of(written);
        }
        if (constants.containsKey(written)) {
            return value(constants.get(written), constants, depth + 1);
        }
        Matcher shifted = SHIFTED.matcher(written);
        if (shifted.matches()) {
            return Optional.of(String.valueOf(
                    Long.parseLong(shifted.group(1).replace("_", "")) << Integer.parseInt(shifted.group(2))));
        }
        if (PRODUCT.matcher(written).matches()) {
            long result = 1;
            for (String factor : written.split("\\*")) {
                result *= Long.parseLong(factor.strip().replace("_", "").replace("L", ""));
            }
            return Optional.of(String.valueOf(result));
        }
        return Optional.empty();
    }
}
