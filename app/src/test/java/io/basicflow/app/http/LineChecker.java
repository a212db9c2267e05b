package io.basicflow.app.http;

import io.basicflow.app.scripts.ScriptCheck;
import io.basicflow.app.scripts.ScriptChecker;
import io.basicflow.app.scripts.ScriptDiagnostic;
import io.basicflow.app.scripts.ScriptMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A stand-in for the compiler: a line whose first word is not a keyword it knows (and is not an
 * assignment or a comment) is an error naming the word, with the line and column, as the compiler
 * reports an unknown keyword.
 */
final class LineChecker implements ScriptChecker {

    private static final Set<String> KEYWORDS =
            Set.of("TALK", "HEAR", "SET", "LET", "IF", "ELSE", "END", "FOR", "NEXT", "WAIT", "RETURN", "USE");

    @Override
    public ScriptCheck check(String fileName, String source) {
        List<ScriptDiagnostic> diagnostics = new ArrayList<>();
        List<String> lines = source.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("'") || stripped.startsWith("#") || stripped.contains("=")) {
                continue;
            }
            String word = stripped.split("\\s+", 2)[0];
            if (!KEYWORDS.contains(word.toUpperCase(Locale.ROOT))) {
                int column = line.indexOf(word) + 1;
                diagnostics.add(new ScriptDiagnostic(
                        ScriptDiagnostic.Severity.ERROR,
                        fileName,
                        i + 1,
                        column,
                        word.length(),
                        "unknown keyword '" + word + "'; no installed plugin provides it",
                        line));
            }
        }
        return new ScriptCheck(ScriptMode.declaredBy(source), diagnostics);
    }
}
