package io.basicflow.app.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The module an unknown keyword's message names, as {@code GET /scripts} reports it. */
class UnknownKeywordModuleTest {

    private static ScriptDiagnostic unknown(String name, String message) {
        return new ScriptDiagnostic(
                ScriptDiagnostic.Severity.ERROR, "a.bas", 1, 1, name.length(), message, name, Optional.of(name));
    }

    @Test
    void theModuleComesFromTheCompilersMessage() {
        assertThat(unknown(
                                "FIND",
                                "unknown keyword FIND: no installed plugin provides it; it is part of the standard"
                                        + " library's keywords-data")
                        .providingModule())
                .contains("keywords-data");
        assertThat(unknown(
                                "WAIT FOR EVENT",
                                "unknown keyword WAIT FOR EVENT: no installed plugin provides it; it is part of the"
                                        + " standard library's the engine's orchestration (workflow-engine)")
                        .providingModule())
                .contains("workflow-engine");
    }

    @Test
    void noModuleWhenTheMessageNamesNoneOrTheFindingIsNotAboutAnUnknownName() {
        assertThat(unknown("FROBNICATE", "unknown keyword FROBNICATE: no installed plugin provides it")
                        .providingModule())
                .isEmpty();
        assertThat(ScriptDiagnostic.error("a.bas", 1, 1, "expected THEN, as keywords-data would", "IF x")
                        .providingModule())
                .isEmpty();
    }
}
