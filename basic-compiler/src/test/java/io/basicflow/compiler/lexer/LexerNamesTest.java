package io.basicflow.compiler.lexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Lexer#isName}: a text is a name exactly when the lexer reads it as one identifier. */
class LexerNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"x", "_x2", "Customer", "número", "客户", "naïve", "a_b_c", "ÆØÅ", "𝑥"})
    void namesAreOneIdentifierForTheLexer(String name) {
        assertThat(Lexer.isName(name)).isTrue();
        assertThat(kinds(name)).containsExactly(TokenKind.IDENTIFIER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1x", "a-b", "a b", "a.b", "$x", "x!", " x", "\u0301a"})
    void otherTextsAreNotNames(String text) {
        assertThat(Lexer.isName(text)).isFalse();
    }

    private static List<TokenKind> kinds(String text) {
        Lexer lexer = new Lexer(new SourceText("names.bas", text));
        List<TokenKind> kinds = new java.util.ArrayList<>();
        for (Token token = lexer.next(); token.kind() != TokenKind.END_OF_INPUT; token = lexer.next()) {
            if (token.kind() != TokenKind.NEWLINE) {
                kinds.add(token.kind());
            }
        }
        return kinds;
    }
}
