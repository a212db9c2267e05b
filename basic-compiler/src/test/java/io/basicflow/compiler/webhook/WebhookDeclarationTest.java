package io.basicflow.compiler.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.basicflow.compiler.CompilationResult;
import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.diagnostics.Diagnostic;
import io.basicflow.compiler.diagnostics.DiagnosticKind;
import io.basicflow.spi.program.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookDeclarationTest {

    private static final ScriptService COMPILER = new ScriptService(KeywordCatalogue.empty());

    @Test
    void theDeclarationsOfAScriptAreFoundWithTheirPlaces() {
        String source = """
                ' order-notify.bas
                WEBHOOK "order-notify"
                REM WEBHOOK "old"
                TALK "WEBHOOK \\"no\\""
                  webhook "second_name"
                """;

        assertThat(WebhookDeclaration.declaredIn("shop/order.bas", source))
                .extracting(WebhookDeclaration::name, WebhookDeclaration::line, WebhookDeclaration::column)
                .containsExactly(tuple("order-notify", 2, 9), tuple("second_name", 5, 11));
        assertThat(WebhookDeclaration.declaredIn("shop/plain.bas", "TALK \"hi\"\n"))
                .isEmpty();
    }

    @Test
    void aDeclarationCompilesToNoStep() {
        CompilationResult result = COMPILER.check("status.bas", """
                WEBHOOK "status"
                result_status = "healthy"
                """);

        assertThat(result.diagnostics()).isEmpty();
        List<Step> body = result.plan().orElseThrow().program().body();
        assertThat(body).singleElement().isInstanceOf(Step.Assign.class);
    }

    @Test
    void aNameOutsideLettersDigitsHyphensAndUnderscoresIsASyntaxErrorAtItsString() {
        List<Diagnostic> diagnostics = COMPILER.check("bad.bas", """
                TALK "x"
                WEBHOOK "orders/new"
                """).diagnostics();

        assertThat(diagnostics)
                .extracting(Diagnostic::line, Diagnostic::column, Diagnostic::kind)
                .containsExactly(tuple(2, 9, DiagnosticKind.SYNTAX));
        assertThat(diagnostics.getFirst().message())
                .contains("letters, digits, hyphens and underscores")
                .contains("\"orders/new\"");
        assertThat(WebhookDeclaration.declaredIn("bad.bas", "WEBHOOK \"orders/new\"\n"))
                .isEmpty();
    }

    @Test
    void insideAOneLineIfItIsAnError() {
        List<Diagnostic> diagnostics =
                COMPILER.check("bad.bas", "IF x THEN WEBHOOK \"a\"\n").diagnostics();

        assertThat(diagnostics).isNotEmpty();
        assertThat(diagnostics.getFirst().message()).contains("cannot stand inside a one-line IF");
    }
}
