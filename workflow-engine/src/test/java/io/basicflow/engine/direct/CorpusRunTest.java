package io.basicflow.engine.direct;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.compiler.CompilationResult;
import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.compiler.diagnostics.Diagnostic;
import io.basicflow.engine.interpreter.InputRequest;
import io.basicflow.engine.interpreter.RuntimeCatalogue;
import io.basicflow.engine.testing.CheckingJournal;
import io.basicflow.engine.testing.FakeTime;
import io.basicflow.spi.FunctionDefinition;
import io.basicflow.spi.InputTypeDefinition;
import io.basicflow.spi.InputValidator;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs the real scripts of the shared corpus (read at test time, never copied) in direct mode. The
 * keywords, functions and input types they use that no installed plugin provides are stood in for
 * by a stub plugin whose keywords return {@code NULL} and whose input types accept anything; every
 * {@code HEAR} gets a plausible answer for its type. Each run records its events and checks the fold
 * against the live state at every step. What must hold: no script makes the interpreter throw or
 * fail internally, whatever path the stubbed values send it down.
 */
class CorpusRunTest {

    @Test
    void realScriptsRunWithoutInternalErrors() throws IOException {
        String property = System.getProperty("basicflow.corpus");
        Assumptions.assumeTrue(property != null && Files.isDirectory(Path.of(property)), "no corpus folder");
        Path corpus = Path.of(property);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpus)) {
            files = walk.filter(file -> file.toString().endsWith(".bas"))
                    .sorted()
                    .toList();
        }

        StubPlugin stubs = new StubPlugin();
        ScriptService compiler = null;
        for (int round = 0; round < 6; round++) {
            compiler = new ScriptService(KeywordCatalogue.of(new CorePlugin(), stubs));
            boolean learned = false;
            for (Path file : files) {
                CompilationResult result =
                        compiler.check(name(corpus, file), Files.readString(file, StandardCharsets.UTF_8));
                for (Diagnostic diagnostic : result.diagnostics()) {
                    learned |= stubs.learn(diagnostic);
                }
            }
            if (!learned) {
                break;
            }
        }

        Map<String, Integer> outcomes = new TreeMap<>();
        int ran = 0;
        for (Path file : files) {
            String name = name(corpus, file);
            CompilationResult result = compiler.check(name, Files.readString(file, StandardCharsets.UTF_8));
            if (result.plan().isEmpty()) {
                result.diagnostics().stream()
                        .limit(2)
                        .forEach(d -> System.out.println("SKIP " + d.kind() + " " + d.message()));
                continue;
            }
            ran++;
            String outcome = run(corpus, compiler, stubs, result.plan().get().program());
            outcomes.merge(outcome.replaceAll("(?s):.*", ""), 1, Integer::sum);
            if (outcome.startsWith("FAILED")) {
                System.out.println(outcome);
            }
            assertThat(outcome).as(name).doesNotStartWith("FAILED INTERNAL");
        }
        System.out.println("corpus: ran " + ran + " of " + files.size() + " scripts: " + outcomes);
        assertThat(ran).as("corpus scripts that compile with stand-in plugins").isGreaterThanOrEqualTo(30);
    }

    private static String run(
            Path corpus, ScriptService compiler, StubPlugin stubs, io.basicflow.spi.program.Program program) {
        FakeTime time = new FakeTime();
        RuntimeCatalogue catalogue = RuntimeCatalogue.from(compiler.catalogue(), Map.of(), time);
        DirectRunner runner = DirectRunner.builder(catalogue, ScriptCompiler.using(compiler))
                .resolver(ScriptResolver.directory(corpus))
                .clock(time)
                .sleeper(time)
                .random(new SplittableRandom(3))
                .recording(true)
                .journalDecorator(CheckingJournal::new)
                .maxSteps(20_000)
                .build();
        DirectRunner.DirectRun run = runner.run(program, new Answers());
        return switch (run.outcome()) {
            case DirectOutcome.Completed ignored -> "COMPLETED";
            case DirectOutcome.InputEnded ignored -> "INPUT ENDED";
            case DirectOutcome.Cancelled ignored -> "STOPPED";
            case DirectOutcome.Failed failed -> "FAILED " + failed.error().kind() + ": " + failed.message();
        };
    }

    private static String name(Path corpus, Path file) {
        return corpus.relativize(file).toString();
    }

    /** Answers up to 25 HEARs with something that fits the type, then ends the input. */
    private static final class Answers implements Conversation {
        private int answered;

        @Override
        public void say(String text) {}

        @Override
        public Optional<String> listen(InputRequest request) {
            if (answered++ >= 25) {
                return Optional.empty();
            }
            if (!request.options().isEmpty()) {
                return Optional.of(
                        request.options().get(answered % request.options().size()));
            }
            return Optional.of(
                    switch (request.type()) {
                        case "EMAIL" -> "ana@example.com";
                        case "DATE" -> "2026-12-25";
                        case "BOOLEAN" -> answered % 2 == 0 ? "yes" : "no";
                        case "HOUR", "TIME" -> "9:30";
                        case "MOBILE", "PHONE" -> "+5511999999999";
                        case "NAME" -> "Ana Silva";
                        case "URL" -> "https://example.com";
                        case "MONEY" -> "12.50";
                        case "TEXT", "STRING" -> answered % 3 == 0 ? "yes" : "1";
                        default -> "1";
                    });
        }
    }

    /** Stands in for plugins the corpus needs: learns names from the compiler's diagnostics. */
    private static final class StubPlugin implements KeywordPlugin {
        private final Set<String> keywords = new TreeSet<>();
        private final Map<String, Set<String>> clauses = new TreeMap<>();
        private final Set<String> pure = new TreeSet<>();
        private final Set<String> functions = new TreeSet<>();
        private final Set<String> inputTypes = new TreeSet<>();

        /** Learns a name unless the catalogue refuses it (it would hide a statement or a built-in). */
        boolean learn(Diagnostic diagnostic) {
            if (!add(diagnostic)) {
                return false;
            }
            try {
                KeywordCatalogue.of(new CorePlugin(), this);
                return true;
            } catch (io.basicflow.compiler.catalogue.PluginCatalogueException refused) {
                String subject = diagnostic.subject().orElseThrow();
                keywords.remove(subject);
                functions.remove(subject);
                inputTypes.remove(subject);
                clauses.values().forEach(words -> words.remove(subject));
                return false;
            }
        }

        private boolean add(Diagnostic diagnostic) {
            java.util.regex.Matcher clause = java.util.regex.Pattern.compile("^(.+) has no ([A-Z]+) clause")
                    .matcher(diagnostic.message());
            if (diagnostic.kind() == io.basicflow.compiler.diagnostics.DiagnosticKind.UNSUPPORTED_CLAUSE
                    && clause.find()) {
                return keywords.contains(clause.group(1))
                        && clauses.computeIfAbsent(clause.group(1), k -> new TreeSet<>())
                                .add(clause.group(2));
            }
            java.util.regex.Matcher inExpression = java.util.regex.Pattern.compile("^(.+) is a keyword with effects")
                    .matcher(diagnostic.message());
            if (diagnostic.kind() == io.basicflow.compiler.diagnostics.DiagnosticKind.CALL_IN_EXPRESSION
                    && inExpression.find()) {
                return keywords.contains(inExpression.group(1)) && pure.add(inExpression.group(1));
            }
            if (diagnostic.subject().isEmpty()) {
                return false;
            }
            String subject = diagnostic.subject().get();
            return switch (diagnostic.kind()) {
                case UNKNOWN_KEYWORD -> subject.matches("[A-Z][A-Z0-9_]*( [A-Z][A-Z0-9_]*)*") && keywords.add(subject);
                case UNKNOWN_FUNCTION ->
                    subject.matches("[A-Z][A-Z0-9_]*") && !keywords.contains(subject) && functions.add(subject);
                case UNKNOWN_INPUT_TYPE -> subject.matches("[A-Z][A-Z0-9_]*") && inputTypes.add(subject);
                default -> false;
            };
        }

        @Override
        public String name() {
            return "corpus-stubs";
        }

        @Override
        public List<KeywordDefinition> keywords() {
            List<KeywordDefinition> definitions = new ArrayList<>();
            for (String keyword : keywords) {
                KeywordDefinition.Builder builder = KeywordDefinition.builder(keyword)
                        .form(KeywordForm.FUNCTION)
                        .effect(
                                pure.contains(keyword)
                                        ? io.basicflow.spi.EffectKind.PURE
                                        : io.basicflow.spi.EffectKind.IDEMPOTENT_EFFECT);
                Set<String> words = clauses.getOrDefault(keyword, Set.of());
                if (words.isEmpty()) {
                    builder.parameter(ParameterDefinition.repeated("arguments", "anything"));
                } else {
                    for (int i = 1; i <= 8; i++) {
                        builder.parameter(ParameterDefinition.optional("a" + i, "anything"));
                    }
                    for (String word : words) {
                        builder.parameter(ParameterDefinition.introducedBy(
                                word, word.toLowerCase(java.util.Locale.ROOT) + "_clause", true, "anything"));
                    }
                }
                definitions.add(builder.build());
            }
            return definitions;
        }

        @Override
        public Optional<KeywordHandler> handler(String keyword) {
            return Optional.of(invocation -> NullValue.NULL);
        }

        @Override
        public List<FunctionDefinition> functions() {
            List<FunctionDefinition> definitions = new ArrayList<>();
            for (String function : functions) {
                definitions.add(new FunctionDefinition(
                        function, 0, Integer.MAX_VALUE, (arguments, environment) -> NullValue.NULL, "stub"));
            }
            return definitions;
        }

        @Override
        public List<InputTypeDefinition> inputTypes() {
            List<InputTypeDefinition> definitions = new ArrayList<>();
            for (String type : inputTypes) {
                definitions.add(new InputTypeDefinition(
                        type, List.of(), (input, clock) -> new InputValidator.Accepted(new TextValue(input)), "stub"));
            }
            return definitions;
        }
    }
}
