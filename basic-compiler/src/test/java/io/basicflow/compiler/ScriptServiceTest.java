package io.basicflow.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.compiler.diagnostics.Diagnostic;
import io.basicflow.compiler.diagnostics.DiagnosticCategory;
import io.basicflow.compiler.diagnostics.DiagnosticKind;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScriptServiceTest {

    @Test
    void compileThrowsACompilationExceptionCarryingEveryDiagnostic() {
        assertThatThrownBy(() -> Scripts.SERVICE.compile("bad.bas", "x = \nTALK\n"))
                .isInstanceOfSatisfying(CompilationException.class, e -> {
                    assertThat(e.diagnostics()).hasSize(2);
                    assertThat(e.getMessage())
                            .isEqualTo("bad.bas:1:5: error: expected an expression, found the end of the line\n"
                                    + "x = \n"
                                    + "    ^\n"
                                    + "\n"
                                    + "bad.bas:2:5: error: TALK needs a message, such as TALK \"Hello\", found the end of the"
                                    + " line\n"
                                    + "TALK\n"
                                    + "    ^");
                });
    }

    @Test
    void checkReportsInsteadOfThrowing() {
        CompilationResult failed = Scripts.SERVICE.check("bad.bas", "NEXT\n");
        CompilationResult compiled = Scripts.SERVICE.check("good.bas", "");

        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.hasSyntaxErrors()).isTrue();
        assertThat(failed.plan()).isEmpty();
        assertThat(compiled.succeeded()).isTrue();
        assertThat(compiled.plan()).containsInstanceOf(ExecutionPlan.Direct.class);
        assertThat(compiled.format()).isEmpty();
    }

    @Test
    void anUnknownNameIsNotASyntaxError() {
        CompilationResult result = Scripts.SERVICE.check("t.bas", "PING \"host\"\n");

        assertThat(result.hasSyntaxErrors()).isFalse();
        assertThat(result.diagnostics()).extracting(Diagnostic::category).containsExactly(DiagnosticCategory.UNKNOWN);
    }

    @Test
    void theCaretLineFollowsTabsAndUnderlinesTheSpan() {
        Diagnostic diagnostic =
                new Diagnostic("t.bas", 3, 3, 4, DiagnosticKind.SYNTAX, "wrong", "\t\tWORD rest", Optional.empty());

        assertThat(diagnostic.format()).isEqualTo("t.bas:3:3: error: wrong\n\t\tWORD rest\n\t\t^~~~");
    }

    @Test
    void theUnderlineStopsAtTheEndOfTheLine() {
        Diagnostic diagnostic =
                new Diagnostic("t.bas", 1, 3, 99, DiagnosticKind.SYNTAX, "wrong", "abcd", Optional.empty());
        Diagnostic pastTheEnd =
                new Diagnostic("t.bas", 1, 5, 1, DiagnosticKind.SYNTAX, "wrong", "abcd", Optional.empty());

        assertThat(diagnostic.format()).endsWith("\nabcd\n  ^~");
        assertThat(pastTheEnd.format()).endsWith("\nabcd\n    ^");
    }

    @Test
    void diagnosticsAreValidated() {
        assertThatThrownBy(() -> new Diagnostic("t", 0, 1, 1, DiagnosticKind.SYNTAX, "m", "", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(DiagnosticKind.UNKNOWN_FUNCTION.category()).isEqualTo(DiagnosticCategory.UNKNOWN);
        assertThat(DiagnosticKind.ARGUMENT_COUNT.category()).isEqualTo(DiagnosticCategory.SYNTAX);
    }
}
