package io.basicflow.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.basicflow.compiler.benchmark.CompileBenchmark;
import io.basicflow.compiler.diagnostics.Diagnostic;
import io.basicflow.compiler.diagnostics.DiagnosticKind;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whatever the input, the compiler returns a plan or its own diagnostics: never another exception,
 * never an internal error, never a hang. Seeded, so every run tries the same inputs.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CompilerFuzzTest {

    private static final long SEED = 20_261_125L;

    private static final String[] VOCABULARY = {
        "TALK",
        "TO",
        "HEAR",
        "AS",
        "EMAIL",
        "MENU",
        "WITH",
        "DEFAULT",
        "WAIT",
        "IF",
        "THEN",
        "ELSE",
        "ELSEIF",
        "END",
        "ENDIF",
        "FOR",
        "EACH",
        "IN",
        "NEXT",
        "STEP",
        "DO",
        "LOOP",
        "WHILE",
        "UNTIL",
        "WEND",
        "EXIT",
        "SELECT",
        "CASE",
        "SWITCH",
        "SUB",
        "FUNCTION",
        "CALL",
        "RETURN",
        "PARAM",
        "LIKE",
        "OPTIONAL",
        "DESCRIPTION",
        "SET",
        "LET",
        "BEGIN",
        "MAIL",
        "SEND",
        "EMAIL",
        "USE",
        "TOOL",
        "ADD",
        "CLEAR",
        "TOOLS",
        "IS",
        "NOT",
        "AND",
        "OR",
        "MOD",
        "NULL",
        "TRUE",
        "FALSE",
        "FIND",
        "WHERE",
        "SAVE",
        "LOG",
        "KB",
        "STATISTICS",
        "GET",
        "BOT",
        "MEMORY",
        "TABLE",
        "CONTAINS",
        "FORMAT",
        "LEN",
        "IIF",
        "x",
        "y",
        "items",
        "order",
        "total",
        "\"text\"",
        "\"${x + 1}\"",
        "\"{x}\"",
        "\"",
        "'",
        "'q'",
        "REM",
        "//",
        "#",
        "#workflow",
        "${",
        "1",
        "2.5",
        "1e9",
        "+",
        "-",
        "*",
        "/",
        "\\",
        "^",
        "&",
        "&&",
        "||",
        "=",
        "==",
        "<>",
        "!=",
        "<",
        "<=",
        ">",
        ">=",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        "#{",
        ",",
        ".",
        "?.",
        "?",
        ":",
        ";",
        "_",
        "\n",
        "\n",
        "\n",
        " _\n",
        "\t",
        "€",
        "\u0000"
    };

    /** Compiles and checks that the outcome is well formed; returns the diagnostics. */
    static List<Diagnostic> compileSafely(String name, String source) {
        CompilationResult result;
        try {
            result = Scripts.SERVICE.check(name, source);
        } catch (RuntimeException | Error e) {
            throw new AssertionError("check threw for input:\n" + show(source), e);
        }
        if (result.succeeded() == !result.diagnostics().isEmpty()) {
            fail("a plan must exist exactly when there are no diagnostics: " + show(source));
        }
        int lines = (int) Math.max(1, source.chars().filter(c -> c == '\n').count() + 1);
        for (Diagnostic diagnostic : result.diagnostics()) {
            if (diagnostic.kind() == DiagnosticKind.INTERNAL_ERROR) {
                fail("internal compiler error " + diagnostic.message() + " for input:\n" + show(source));
            }
            if (diagnostic.line() > lines
                    || diagnostic.column() > diagnostic.sourceLine().length() + 1) {
                fail("diagnostic outside the source: " + diagnostic + " for input:\n" + show(source));
            }
            if (diagnostic.format().isEmpty()) {
                fail("empty diagnostic");
            }
        }
        try {
            Scripts.SERVICE.compile(name, source);
        } catch (CompilationException e) {
            assertThat(e.diagnostics()).isEqualTo(result.diagnostics());
        }
        return result.diagnostics();
    }

    private static String show(String source) {
        String shown = source.length() > 2_000 ? source.substring(0, 2_000) + "…" : source;
        return shown.replace("\u0000", "\\0");
    }

    @Test
    void randomBytes() {
        Random random = new Random(SEED);
        for (int i = 0; i < 2_000; i++) {
            byte[] bytes = new byte[random.nextInt(400)];
            random.nextBytes(bytes);
            compileSafely("bytes.bas", decode(bytes));
        }
    }

    @Test
    void randomPrintableText() {
        Random random = new Random(SEED + 1);
        String alphabet = "abcXYZ019 \t\n\"'#{}[]()$.,:;=<>+-*/\\^&|!?_";
        for (int i = 0; i < 1_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(300);
            for (int k = 0; k < length; k++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            compileSafely("text.bas", text.toString());
        }
    }

    @Test
    void tokenSoup() {
        Random random = new Random(SEED + 2);
        for (int i = 0; i < 3_000; i++) {
            StringBuilder soup = new StringBuilder();
            int length = 1 + random.nextInt(60);
            for (int k = 0; k < length; k++) {
                soup.append(VOCABULARY[random.nextInt(VOCABULARY.length)]);
                soup.append(random.nextInt(8) == 0 ? "\n" : " ");
            }
            compileSafely("soup.bas", soup.toString());
        }
    }

    @Test
    void everyPrefixOfOurGoldenAndSampleScripts() throws IOException, URISyntaxException {
        List<String> scripts = new ArrayList<>();
        for (Path golden : GoldenDiagnosticsTest.scripts()) {
            scripts.add(Files.readString(golden, StandardCharsets.UTF_8));
        }
        scripts.add(CompileBenchmark.generated(40).source());
        for (String script : scripts) {
            for (int end = 0; end <= script.length(); end++) {
                compileSafely("prefix.bas", script.substring(0, end));
            }
        }
    }

    @Test
    void everyLinePrefixAndRandomTruncationsOfTheCorpus() throws IOException {
        Path corpus = Path.of(System.getProperty("basicflow.corpus", "../shared/corpus"));
        Assumptions.assumeTrue(Files.isDirectory(corpus), "the corpus folder " + corpus + " is absent");
        Random random = new Random(SEED + 3);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpus)) {
            files = walk.filter(p -> p.toString().endsWith(".bas")).sorted().toList();
        }
        for (Path file : files) {
            String script = Files.readString(file, StandardCharsets.UTF_8);
            for (int end = script.indexOf('\n'); end >= 0; end = script.indexOf('\n', end + 1)) {
                compileSafely(file.toString(), script.substring(0, end));
            }
            for (int i = 0; i < 20 && !script.isEmpty(); i++) {
                compileSafely(file.toString(), script.substring(0, random.nextInt(script.length())));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "IF a THEN\n|END IF\n",
                "FOR EACH x IN xs\n|NEXT\n",
                "FOR i = 1 TO 2\n|NEXT i\n",
                "DO WHILE a\n|LOOP\n",
                "WHILE a\n|WEND\n",
                "SELECT CASE a\nCASE 1\n|END SELECT\n",
                "IF a THEN\n|",
                "SUB s()\n|END SUB\n",
            })
    void tenThousandNestedBlocks(String openAndClose) {
        String[] parts = openAndClose.split("\\|", -1);
        String script = parts[0].repeat(10_000) + "TALK 1\n" + parts[1].repeat(10_000);

        List<Diagnostic> diagnostics = compileSafely("deep.bas", script);

        assertThat(diagnostics).extracting(Diagnostic::kind).contains(DiagnosticKind.NESTED_TOO_DEEPLY);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "x = |(|1|)|",
                "x = |[|1|]|",
                "x = |{a: |1|}|",
                "x = |#{\"a\": |1|}|",
                "x = |-|1||",
                "x = |NOT |a||",
                "x = |a ? |1| : 2|",
                "x = |LEN(|1|)|",
                "x = |a[|1|]|",
                "IF a THEN |IF a THEN |x = 1||",
            })
    void tenThousandNestedExpressions(String shape) {
        String[] parts = shape.split("\\|", -1);
        String script = parts[0] + parts[1].repeat(10_000) + parts[2] + parts[3].repeat(10_000) + parts[4] + "\n";

        List<Diagnostic> diagnostics = compileSafely("deep.bas", script);

        assertThat(diagnostics).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "TALK |\"${|1|}\"|",
                "x = |\"${\"|1|\"}\"|",
                "x = \"|${|1|}|\"",
                "x = \"|${ \"|a|\" }|\"",
            })
    void tenThousandNestedInterpolations(String shape) {
        String[] parts = shape.split("\\|", -1);
        String script = parts[0] + parts[1].repeat(10_000) + parts[2] + parts[3].repeat(10_000) + parts[4] + "\n";

        compileSafely("deep.bas", script);
    }

    @Test
    void longButFlatInputsCompileQuickly() {
        String sum = "x = 1" + " + 1".repeat(1_000) + "\n";
        String hugeSum = "x = 1" + " + 1".repeat(100_000) + "\n";
        String lines = "x = x + 1\n".repeat(100_000);
        String unknown = "DO_THING 1, 2, 3\n".repeat(20_000);
        String blocks = "TABLE t\n  id int\n".repeat(5_000) + "END TABLE\n";

        assertThat(compileSafely("sum.bas", sum)).isEmpty();
        assertThat(compileSafely("huge.bas", hugeSum))
                .extracting(Diagnostic::kind)
                .containsExactly(DiagnosticKind.NESTED_TOO_DEEPLY);
        assertThat(compileSafely("lines.bas", lines)).isEmpty();
        assertThat(compileSafely("unknown.bas", unknown)).hasSize(DiagnosticSinkLimit.MAX);
        assertThat(compileSafely("blocks.bas", blocks)).isNotEmpty();
    }

    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The number of diagnostics a file reports at most: the limit plus the "too many errors" one. */
    static final class DiagnosticSinkLimit {
        static final int MAX = 201;

        private DiagnosticSinkLimit() {}
    }
}
