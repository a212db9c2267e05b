package io.basicflow.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.compiler.diagnostics.Diagnostic;
import io.basicflow.compiler.diagnostics.DiagnosticCategory;
import io.basicflow.spi.program.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code label:} and {@code GOTO label} as {@code keyword-goto.md} documents them: accepted at the
 * top level of a script, rewritten into structured steps, and refused with a clear error where a
 * jump has no meaning here. What the rewritten steps do is proved by the golden script {@code
 * goto.bas} in both modes.
 */
class GotoTest {

    private static List<Diagnostic> errors(String source) {
        return Scripts.SERVICE.check("goto.bas", source).diagnostics().stream()
                .filter(d -> d.category() == DiagnosticCategory.SYNTAX)
                .toList();
    }

    @Test
    void theReferenceFormsCompile() {
        String source = """
                start:
                    TALK "Starting..."
                    GOTO process
                error:
                    TALK "An error occurred"
                    GOTO cleanup
                process:
                    IF result = "error" THEN GOTO error
                    TALK "Success!"
                    GOTO cleanup
                cleanup:
                    TALK "Cleaning up..."
                """;

        assertThat(Scripts.SERVICE.check("goto.bas", source).diagnostics()).isEmpty();
    }

    @Test
    void aScriptWithJumpsRunsAsOneDispatchLoopWithNoMarkerLeft() {
        List<Step> steps = Scripts.SERVICE
                .check("goto.bas", "x = 1\nagain:\nx = x + 1\nIF x < 3 THEN GOTO again\nTALK x\n")
                .plan()
                .orElseThrow()
                .program()
                .body();

        assertThat(steps).last().isInstanceOf(Step.DoLoop.class);
        assertThat(steps.toString()).doesNotContain("$goto,").doesNotContain("$label,");
    }

    @Test
    void labelsWithoutAnyGotoLeaveTheScriptAsItWas() {
        List<Step> steps = Scripts.SERVICE
                .check("goto.bas", "x = 1\nhere:\nTALK x\n")
                .plan()
                .orElseThrow()
                .program()
                .body();

        assertThat(steps).hasSize(2).allMatch(s -> !(s instanceof Step.DoLoop));
    }

    @Test
    void anUnknownLabelIsAnErrorAtTheGoto() {
        assertThat(errors("TALK 1\nGOTO nowhere\n")).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(2);
            assertThat(d.column()).isEqualTo(6);
            assertThat(d.message()).contains("no label 'nowhere:'");
        });
    }

    @Test
    void aLabelInsideABlockIsAnError() {
        assertThat(errors("IF a THEN\ninside:\n    TALK 1\nEND IF\n"))
                .singleElement()
                .extracting(Diagnostic::message)
                .asString()
                .contains("labels must stand at the top level");
    }

    @Test
    void aRepeatedLabelIsAnError() {
        assertThat(errors("a:\nTALK 1\na:\nTALK 2\n"))
                .singleElement()
                .extracting(Diagnostic::message)
                .asString()
                .contains("already defined at line 1");
    }

    @Test
    void gotoInsideASubAndAComputedGotoAreErrors() {
        assertThat(errors("top:\nSUB s()\n    GOTO top\nEND SUB\n"))
                .singleElement()
                .extracting(Diagnostic::message)
                .asString()
                .contains("GOTO inside a SUB or FUNCTION");
        assertThat(errors("top:\nGOTO 10\n"))
                .singleElement()
                .extracting(Diagnostic::message)
                .asString()
                .contains("computed GOTO");
    }

    @Test
    void aLabelMayBeNamedLikeABlockWord() {
        // keyword-goto.md's own example names its label loop:
        assertThat(Scripts.SERVICE
                        .check("goto.bas", "x = 0\nloop:\n    x = x + 1\n    IF x < 3 THEN GOTO loop\nTALK \"Done\"\n")
                        .diagnostics())
                .isEmpty();
    }

    @Test
    void theMeetingKeywordsAreUnknownKeywordsNotSyntaxErrors() {
        List<Diagnostic> diagnostics = Scripts.SERVICE
                .check("meet.bas", "TALK TO MEET \"Hello everyone\"\nHEAR FROM MEET INTO note\n")
                .diagnostics();
        assertThat(diagnostics).extracting(Diagnostic::category).containsOnly(DiagnosticCategory.UNKNOWN);
        assertThat(diagnostics).extracting(Diagnostic::message).allMatch(m -> m.startsWith("unknown keyword"));
    }
}
