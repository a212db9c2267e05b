package io.basicflow.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.diagnostics.Diagnostic;
import io.basicflow.compiler.diagnostics.DiagnosticCategory;
import io.basicflow.compiler.diagnostics.DiagnosticKind;
import io.basicflow.compiler.testing.TestPlugins;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Names that no installed plugin provides are reported as such, named the way a user would look for
 * a plugin, and the rest of their statement is parsed leniently so that they are the only error.
 */
class UnknownNamesTest {

    /** Built-in functions and types only: no mail, tools or data keywords. */
    private static final ScriptService CORE = new ScriptService(KeywordCatalogue.of(TestPlugins.builtins()));

    private static List<Diagnostic> check(String source) {
        return CORE.check("t.bas", source).diagnostics();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "SEND FILE file, \"caption\"|SEND FILE",
                "SET BOT MEMORY \"k\", v|SET BOT MEMORY",
                "DELETE FROM \"t\" WHERE a = b|DELETE FROM",
                "Set HEADER \"Content-Type\" As \"text/plain\"|SET HEADER",
                "SAVE \"products\" WITH name AS info.name, brand AS info.brand|SAVE",
                "UPDATE \"t\" SET a = 1, b = NOW() WHERE id = x|UPDATE",
                "USE_WEBSITE(\"https://example.com\", \"30d\")|USE_WEBSITE",
                "x = LLM \"Summarise: \" + text|LLM",
                "x = GET BOT MEMORY(\"k\")|GET BOT MEMORY",
                "list = Get host + \"/items?size=\" + n|GET",
                "stats = KB STATISTICS|KB STATISTICS",
                "GENERATE PDF f WITH TEMPLATE \"t\" DATA report|GENERATE PDF",
                "INSERT INTO \"log\" VALUES { \"at\": NOW(), \"ip\": GET SESSION \"ip\" }|INSERT INTO",
                "USE KB \"docs\"|USE KB",
                "SEND MAIL to, \"s\", \"b\"|SEND MAIL",
                "SEND EMAIL to, \"s\"|SEND MAIL",
                "USE TOOL \"t\"|USE TOOL",
                "CLEAR TOOLS|CLEAR TOOLS",
            })
    void anUnknownKeywordIsTheOnlyErrorOfAWellFormedStatement(String statement, String name) {
        List<Diagnostic> diagnostics = check(statement + "\n");

        assertThat(diagnostics)
                .extracting(Diagnostic::kind, d -> d.subject().orElseThrow())
                .containsExactly(tuple(DiagnosticKind.UNKNOWN_KEYWORD, name));
        assertThat(diagnostics.getFirst().message())
                .startsWith("unknown keyword " + name + ": no installed plugin provides it");
        assertThat(diagnostics.getFirst().category()).isEqualTo(DiagnosticCategory.UNKNOWN);
    }

    @Test
    void anUnknownStandardLibraryKeywordNamesItsModule() {
        java.util.Map<String, String> modules = java.util.Map.of(
                "x = FIND \"customers\", \"active=true\"\n", "keywords-data",
                "total = AGGREGATE orders SUM amount\n", "keywords-data",
                "r = POST url WITH\n    a = 1,\n    b = 2\n", "keywords-http",
                "x = LLM \"hi\"\n", "keywords-ai");
        modules.forEach((statement, module) -> assertThat(check(statement))
                .as(statement)
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.kind()).isEqualTo(DiagnosticKind.UNKNOWN_KEYWORD);
                    assertThat(d.message()).contains("standard library's").contains(module);
                }));
    }

    @Test
    void aKeywordInsideAnExpressionIsReportedByItsName() {
        List<Diagnostic> diagnostics = check(
                "r = { \"ip\": GET SESSION \"ip\", \"at\": NOW() }\nIF a AND NOT CONTINUATION TOKEN THEN b = 1\n");

        assertThat(diagnostics)
                .extracting(Diagnostic::kind, d -> d.subject().orElseThrow(), Diagnostic::line)
                .containsExactly(
                        tuple(DiagnosticKind.UNKNOWN_KEYWORD, "GET SESSION", 1),
                        tuple(DiagnosticKind.UNKNOWN_KEYWORD, "CONTINUATION TOKEN", 2));
    }

    @Test
    void unknownFunctionsAndInputTypes() {
        List<Diagnostic> diagnostics = check("x = SQR(2) + LCASE(s)\nHEAR f AS FILE\n");

        assertThat(diagnostics)
                .extracting(Diagnostic::kind, d -> d.subject().orElseThrow())
                .containsExactly(
                        tuple(DiagnosticKind.UNKNOWN_FUNCTION, "SQR"),
                        tuple(DiagnosticKind.UNKNOWN_FUNCTION, "LCASE"),
                        tuple(DiagnosticKind.UNKNOWN_INPUT_TYPE, "FILE"));
        assertThat(diagnostics.getFirst().message())
                .isEqualTo("unknown function \"SQR\": no installed plugin provides it");
        assertThat(diagnostics.getLast().message())
                .isEqualTo("unknown input type \"FILE\": no installed plugin provides it");
    }

    @Test
    void aBlockOfAnUnknownKeywordIsOneDiagnosticAndItsBodyIsNotParsed() {
        String script = """
                TABLE students
                    Id uuid key
                    Name string(255) DEFAULT 'x' ' not BASIC at all
                END TABLE
                BEGIN SYSTEM PROMPT
                You are "helpful: {answer}
                Next, loop until done.
                END SYSTEM PROMPT
                TALK "ok"
                """;

        assertThat(check(script))
                .extracting(Diagnostic::line, d -> d.subject().orElseThrow())
                .containsExactly(tuple(1, "TABLE"), tuple(5, "BEGIN SYSTEM PROMPT"));
    }

    @Test
    void aWordFollowedByItsEndOnlyMakesABlockWhenTheBuiltInStructureStaysBalanced() {
        String script = """
                IF a THEN
                  ON EVENT x DO
                END IF
                END ON
                """;

        assertThat(check(script))
                .extracting(Diagnostic::kind)
                .containsExactly(DiagnosticKind.UNKNOWN_KEYWORD, DiagnosticKind.UNMATCHED_BLOCK_END);
    }

    @Test
    void malformedArgumentsOfAnUnknownKeywordAreStillSyntaxErrors() {
        List<Diagnostic> diagnostics = check("PHASE 1: BOT \"a\" \"b\"\nFOO 1 +\n");

        assertThat(diagnostics)
                .extracting(Diagnostic::kind, Diagnostic::line)
                .containsExactly(
                        tuple(DiagnosticKind.UNKNOWN_KEYWORD, 1),
                        tuple(DiagnosticKind.SYNTAX, 1),
                        tuple(DiagnosticKind.UNKNOWN_KEYWORD, 2),
                        tuple(DiagnosticKind.SYNTAX, 2));
    }

    @Test
    void aKnownKeywordInsideAnExpressionIsMisplacedNotUnknown() {
        List<Diagnostic> diagnostics =
                // where the call cannot be hoisted into a step of its own: a loop's condition, after AND
                Scripts.diagnostics("WHILE FIND \"users\" WHERE id = 1\nWEND\nok = a AND CREATE(\"y\")\n");

        assertThat(diagnostics)
                .extracting(Diagnostic::kind, Diagnostic::category)
                .containsExactly(
                        tuple(DiagnosticKind.CALL_IN_EXPRESSION, DiagnosticCategory.SYNTAX),
                        tuple(DiagnosticKind.CALL_IN_EXPRESSION, DiagnosticCategory.SYNTAX));
        assertThat(diagnostics.getFirst().message())
                .isEqualTo("FIND is a keyword with effects: it may only be the whole right-hand side of an assignment"
                        + " (x = FIND …), not part of an expression evaluated only sometimes or repeatedly (a loop's or"
                        + " ELSEIF's condition, a CASE, a FOR header, after AND/OR, in IIF or ? :); assign it to a"
                        + " variable first");
    }

    @Test
    void aClauseTheInstalledPluginDoesNotDeclareIsUnsupported() {
        List<Diagnostic> diagnostics = Scripts.diagnostics("SEND MAIL to, \"s\", \"b\", ATTACHMENT file\n");

        assertThat(diagnostics)
                .extracting(Diagnostic::kind, d -> d.subject().orElseThrow())
                .containsExactly(tuple(DiagnosticKind.UNSUPPORTED_CLAUSE, "SEND MAIL ATTACHMENT"));
        assertThat(diagnostics.getFirst().message())
                .isEqualTo("SEND MAIL has no ATTACHMENT clause: no installed plugin provides it (SEND MAIL takes to,"
                        + " subject, [body])");
    }

    @Test
    void installingThePluginTurnsTheUnknownKeywordIntoAStep() {
        String script = "SET BOT MEMORY \"k\", 1\n";

        assertThat(check(script)).hasSize(1);
        assertThat(Scripts.steps(script)).hasSize(1);
    }
}
