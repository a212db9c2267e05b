package io.basicflow.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.compiler.diagnostics.Diagnostic;
import io.basicflow.compiler.diagnostics.DiagnosticCategory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code TRY} … {@code CATCH [e]} … {@code END TRY} as the reference pages write it: the forms
 * compile, and a misplaced part is an error at its line. What the blocks do is proved by the golden
 * script {@code try_catch.bas} in both modes.
 */
class TryCatchTest {

    private static List<Diagnostic> errors(String source) {
        return Scripts.SERVICE.check("try.bas", source).diagnostics().stream()
                .filter(d -> d.category() == DiagnosticCategory.SYNTAX)
                .toList();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "TRY\n    result = 1 / 0\nCATCH e\n    TALK \"Error: \" + e.message\nEND TRY\n",
                "TRY\n    x = 1\nCATCH\n    PRINT \"failed: \" + ERROR_MESSAGE\nEND TRY\n",
                "TRY\n    IF a = \"\" THEN\n        TALK \"empty\"\n    ELSE\n        TALK \"ok\"\n    END IF\n"
                        + "CATCH error\n    TALK \"Error creating card: \" + error.message\nEND TRY\n",
                "TRY\n    TALK 1\nEND TRY\n",
                "catch = 1\nTRY\n    TALK catch\nCATCH c\nEND TRY\n",
            })
    void referenceFormsCompile(String source) {
        assertThat(errors(source)).isEmpty();
    }

    @Test
    void anUnclosedTryNamesItsLine() {
        assertThat(errors("TALK 0\nTRY\n    TALK 1\n")).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(2);
            assertThat(d.message()).contains("TRY at line 2 is not closed");
        });
    }

    @Test
    void catchAndEndTryWithoutTryAreErrors() {
        assertThat(errors("CATCH e\nTALK 1\nEND TRY\n"))
                .extracting(Diagnostic::message)
                .containsExactly("CATCH without TRY", "END TRY without TRY");
    }
}
