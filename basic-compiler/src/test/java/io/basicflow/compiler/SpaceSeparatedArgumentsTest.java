package io.basicflow.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.testing.TestPlugin;
import io.basicflow.compiler.testing.TestPlugins;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordSyntax;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.program.Step;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link KeywordSyntax#spaceSeparated()}: General Bots' {@code POST TO "a,b" AT when image, caption}
 * needs no comma after the platforms or the {@code AT} time; a keyword that does not declare it still
 * needs commas everywhere.
 */
class SpaceSeparatedArgumentsTest {

    private static KeywordDefinition post(String name, boolean platform) {
        KeywordDefinition.Builder builder = KeywordDefinition.builder(name).form(KeywordForm.FUNCTION);
        if (platform) {
            builder.parameter(ParameterDefinition.required("platform", "where"));
        }
        return builder.parameter(ParameterDefinition.required("content", "what"))
                .parameter(ParameterDefinition.optional("caption", "the text"))
                .parameter(ParameterDefinition.introducedBy("AT", "at", true, "when"))
                .build();
    }

    private static final ScriptService SERVICE = new ScriptService(KeywordCatalogue.of(
            TestPlugins.builtins(),
            new TestPlugin("social")
                    .keyword(post("SHARE TO", true))
                    .keyword(post("SHARE TO NEWS", false))
                    .keyword(post("SHARE PLAIN", true))
                    .syntax("SHARE TO", KeywordSyntax.spaceSeparated(2))
                    .syntax("SHARE TO NEWS", KeywordSyntax.spaceSeparated(1))));

    private static Map<String, String> arguments(String source) {
        CompilationResult result = SERVICE.check("share.bas", source);
        assertThat(result.succeeded()).as(result.format()).isTrue();
        Step step = result.plan().orElseThrow().program().body().getLast();
        Map<String, String> arguments = new LinkedHashMap<>();
        for (Step.Argument argument : ((Step.Invoke) step).arguments()) {
            arguments.put(argument.parameter(), argument.value().text());
        }
        return arguments;
    }

    @Test
    void thePlatformsAndTheAtTimeNeedNoCommaBeforeTheContent() {
        assertThat(arguments("SHARE TO \"a,b\" image, caption\n"))
                .containsExactly(
                        Map.entry("platform", "\"a,b\""),
                        Map.entry("content", "image"),
                        Map.entry("caption", "caption"));
        assertThat(
                        arguments(
                                "post = #{date: \"x\"}\ni = 1\nSHARE TO \"a\" AT post.date \"/w\" + i + \".png\", post.caption\n"))
                .containsExactly(
                        Map.entry("platform", "\"a\""),
                        Map.entry("content", "\"/w\" + i + \".png\""),
                        Map.entry("caption", "post.caption"),
                        Map.entry("at", "post.date"));
        assertThat(arguments(
                        "later = \"2030-01-01\"\nid = SHARE TO NEWS AT later + \" 09:00\" \"/card.png\", \"hi\"\n"))
                .containsEntry("content", "\"/card.png\"")
                .containsEntry("at", "later + \" 09:00\"");
        assertThat(arguments("SHARE TO NEWS [\"a.jpg\", \"b.jpg\"], \"carousel\"\n"))
                .containsEntry("content", "[\"a.jpg\", \"b.jpg\"]");
    }

    @Test
    void pastTheDeclaredCountAndWithoutTheDeclarationCommasAreNeeded() {
        CompilationResult caption = SERVICE.check("share.bas", "SHARE TO NEWS image caption\n");
        assertThat(caption.succeeded()).isFalse();
        assertThat(caption.format()).contains("expected ',' or the end of the line after an argument of SHARE TO NEWS");
        CompilationResult plain = SERVICE.check("share.bas", "SHARE PLAIN \"a\" image\n");
        assertThat(plain.succeeded()).isFalse();
        assertThat(plain.format()).contains("share.bas:1:");
    }
}
