package io.basicflow.compiler.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.basicflow.spi.InputTypeDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the built-ins against how real scripts (the corpus beside the project, read at test time)
 * use them: every {@code HEAR … AS TYPE}, every {@code FORMAT} pattern and every {@code DATEADD}/
 * {@code DATEDIFF} unit. Skipped when the corpus is absent.
 */
class CorpusUsageTest extends FunctionFixture {

    private static final Pattern HEAR_TYPE =
            Pattern.compile("(?im)^\\s*HEAR\\s+[\\w.]+\\s+AS\\s+([A-Za-z_]\\w*)\\b(?!\\s*,)");
    private static final Pattern FORMAT_PATTERN = Pattern.compile("(?i)\\bFORMAT\\s*\\(.*?,\\s*\"([^\"]*)\"\\s*\\)");
    private static final Pattern DATE_FUNCTION = Pattern.compile("(?i)\\bDATE(?:ADD|DIFF)\\b[^\\n]*");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

    private static List<String> scripts;

    @BeforeAll
    static void readCorpus() {
        String location = System.getProperty("basicflow.corpus", "");
        Path corpus = Path.of(location.isEmpty() ? "../shared/corpus" : location);
        Assumptions.assumeTrue(Files.isDirectory(corpus), "corpus not found at " + corpus.toAbsolutePath());
        try (Stream<Path> files = Files.walk(corpus)) {
            scripts = files.filter(file -> file.toString().endsWith(".bas"))
                    .map(CorpusUsageTest::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Assumptions.assumeFalse(scripts.isEmpty(), "no .bas files in " + corpus);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> matches(Pattern pattern, int group) {
        Set<String> found = new TreeSet<>();
        for (String script : scripts) {
            Matcher matcher = pattern.matcher(script);
            while (matcher.find()) {
                found.add(matcher.group(group));
            }
        }
        return found;
    }

    @Test
    void everyHearTypeIsBuiltIn() {
        Set<String> declared = new HashSet<>();
        for (InputTypeDefinition type : new CorePlugin().inputTypes()) {
            declared.add(type.name());
            declared.addAll(type.aliases());
        }
        // MENU introduces a list of options (the parser's business); FILE is an attachment that a
        // channel delivers, not typed text.
        declared.addAll(Set.of("MENU", "FILE"));
        Set<String> used = new TreeSet<>();
        matches(HEAR_TYPE, 1).forEach(type -> used.add(type.toUpperCase(Locale.ROOT)));
        assertThat(used).isNotEmpty();
        assertThat(declared).containsAll(used);
    }

    @Test
    void everyFormatPatternWorks() {
        Set<String> patterns = matches(FORMAT_PATTERN, 1);
        assertThat(patterns).isNotEmpty();
        for (String pattern : patterns) {
            boolean numeric = pattern.contains("#") || pattern.contains("0");
            Object sample = numeric ? 1234.5 : "2026-11-25T18:09:05";
            assertThatCode(() -> call("FORMAT", sample, pattern)).as(pattern).doesNotThrowAnyException();
            String formatted = show("FORMAT", sample, pattern);
            if (numeric) {
                assertThat(formatted).as(pattern).contains("1").doesNotContain("#");
            } else if (pattern.toLowerCase(Locale.ROOT).contains("yy")) {
                assertThat(formatted).as(pattern).contains("26").doesNotContainIgnoringCase("yy");
            }
        }
    }

    @Test
    void everyDateUnitIsKnown() {
        Set<String> units = new TreeSet<>();
        for (String call : matches(DATE_FUNCTION, 0)) {
            Matcher quoted = QUOTED.matcher(call);
            while (quoted.find()) {
                String text = quoted.group(1);
                if (text.length() <= 8 && !text.contains("-") && !text.contains(" ")) {
                    units.add(text);
                }
            }
        }
        assertThat(units).isNotEmpty();
        for (String unit : units) {
            assertThat(Dates.unit(unit)).as(unit).isPresent();
        }
    }
}
