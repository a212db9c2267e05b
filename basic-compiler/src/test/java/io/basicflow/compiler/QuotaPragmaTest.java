package io.basicflow.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.compiler.diagnostics.Diagnostic;
import io.basicflow.spi.program.ScriptQuotas;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** {@code #quota} lines set a script's own quotas; a bad one is a compile error at its line and column. */
class QuotaPragmaTest {

    private static ScriptQuotas quotas(String source) {
        return Scripts.SERVICE.compile("q.bas", source).program().quotas();
    }

    private static String errors(String source) {
        CompilationResult result = Scripts.SERVICE.check("q.bas", source);
        assertThat(result.succeeded()).as("compiles").isFalse();
        return String.join(
                "\n", result.diagnostics().stream().map(Diagnostic::format).toList());
    }

    @Test
    void quotaLinesSetTheScriptsQuotasAndKeepTheOthersGlobal() {
        ScriptQuotas quotas = quotas(
                "' a comment\n#workflow\n#quota steps=100_000, messages=50\n#QUOTA history-bytes=1048576\nTALK \"hi\"\n");

        assertThat(quotas.steps()).isEqualTo(OptionalLong.of(100_000));
        assertThat(quotas.messages()).isEqualTo(OptionalLong.of(50));
        assertThat(quotas.historyBytes()).isEqualTo(OptionalLong.of(1_048_576));
        assertThat(quotas.events()).isEmpty();
        assertThat(quotas.line()).isEqualTo(3);
    }

    @Test
    void aScriptWithoutQuotaLinesHasNone() {
        assertThat(quotas("#workflow\nTALK \"hi\"\n")).isEqualTo(ScriptQuotas.NONE);
        assertThat(quotas("TALK \"hi\"\n# quota steps=1 is just a comment\n")).isEqualTo(ScriptQuotas.NONE);
    }

    @Test
    void aQuotaLineWorksInADirectScriptToo() {
        CompilationResult result = Scripts.SERVICE.check("q.bas", "#quota events=10 ' a trailing comment\nTALK 1\n");

        assertThat(result.plan()).containsInstanceOf(ExecutionPlan.Direct.class);
        assertThat(result.plan().orElseThrow().program().quotas().events()).isEqualTo(OptionalLong.of(10));
    }

    @Test
    void anUnknownQuotaIsAnErrorAtItsColumn() {
        assertThat(errors("#workflow\n#quota steps=10 loops=5\n"))
                .startsWith("q.bas:2:17: error: unknown quota 'loops=5' in #quota; the quotas are steps, events,"
                        + " history-bytes and messages");
    }

    @Test
    void aValueThatIsNotAPositiveWholeNumberIsAnError() {
        assertThat(errors("#quota steps=0\n")).startsWith("q.bas:1:14: error: #quota steps=0 is not a whole number");
        assertThat(errors("#quota steps=-5\n")).startsWith("q.bas:1:14: error: #quota steps=-5 is not a whole number");
        assertThat(errors("#quota messages=1e6\n")).startsWith("q.bas:1:17: error: #quota messages=1e6 is not");
        assertThat(errors("#quota steps=99999999999999999999\n")).contains("is not a whole number from 1 to");
        assertThat(errors("#quota steps=1__0\n")).contains("is not a whole number");
        assertThat(errors("#quota steps=\n")).startsWith("q.bas:1:14: error: #quota steps= is not a whole number");
    }

    @Test
    void aNameWithoutAValueOrAnEmptyLineIsAnError() {
        assertThat(errors("#quota steps\n")).startsWith("q.bas:1:8: error: #quota steps needs a value");
        assertThat(errors("#quota\n")).startsWith("q.bas:1:1: error: #quota without a quota");
    }

    @Test
    void theSameQuotaTwiceIsAnError() {
        assertThat(errors("#quota steps=10\n#quota steps=20\n"))
                .startsWith("q.bas:2:8: error: #quota steps is set twice; keep one");
    }

    @Test
    void aQuotaLineAfterCodeIsAnError() {
        assertThat(errors("TALK \"hi\"\n#quota steps=10\n"))
                .startsWith("q.bas:2:1: error: #quota must come before the first line of code");
    }
}
