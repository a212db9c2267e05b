package io.basicflow.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.ScriptRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code THINK KB} on the real in-process embedding model: structured results over what {@code USE KB} indexed. */
class ThinkKbTest {

    @TempDir
    Path kbFolder;

    /** The reference page's uses: the summary, the confidence, the results by index, their sources. */
    private static final String SCRIPT = """
            USE KB "library"
            results = THINK KB "Can I come by on a Saturday morning?"
            TALK results.summary
            TALK results.results[0].source + " in " + results.results[0].kb_name
            IF results.confidence > 0.3 THEN
                TALK "confident"
            END IF
            TALK results.total_results + " results from " + results.kb_count + " knowledge base"
            TALK results.query
            HEAR next
            q = "How much is a colour copy?"
            more = THINK KB q
            TALK more.sources[0]
            """;

    private static final List<String> SAID = List.of(
            "The library opens Monday to Friday from 9 am to 8 pm. Anyone who lives in town can get a library card"
                    + " for free.",
            "hours.md in library",
            "confident",
            "5 results from 1 knowledge base",
            "Can I come by on a Saturday morning?",
            "services/printing.md");

    private Map<String, String> settings() {
        return Map.of("basicflow.ai.kb-folder", kbFolder.toString());
    }

    @Test
    void directAndDurableRunsGetTheSameStructuredResult() {
        Library.write(kbFolder);
        List<String> direct = Scripts.direct(SCRIPT, settings(), "go");
        assertThat(direct.getFirst()).startsWith(Library.HOURS.substring(0, 40));
        assertThat(direct.subList(1, direct.size() - 1)).containsExactlyElementsOf(SAID.subList(1, SAID.size()));
        assertThat(direct).last().isEqualTo("completed");

        try (BasicflowTestKit kit = Scripts.kit(settings())) {
            ScriptRun run = kit.run("#workflow\n" + SCRIPT).awaitStatus(ExecutionStatus.WAITING_INPUT);
            run.input("go").awaitStatus(ExecutionStatus.COMPLETED);

            assertThat(run.messages()).containsExactlyElementsOf(direct.subList(0, direct.size() - 1));
            assertThat(run.events("EffectCompleted")).hasSize(2);
            assertThat(run.events("EffectCompleted").getFirst().payloadJson()).contains("\"confidence\"", "hours.md");
        }
    }

    @Test
    void eachResultCarriesItsRelevanceAndTokensBestFirst() {
        Library.write(kbFolder);
        String script = """
                USE KB "library"
                r = THINK KB "wifi password"
                FOR i = 0 TO r.total_results - 1
                    TALK r.results[i].source + " " + r.results[i].relevance + " " + r.results[i].tokens
                NEXT i
                TALK r.confidence
                """;
        List<String> said = Scripts.direct(script, settings());

        assertThat(said).hasSize(7);
        assertThat(said.getFirst()).startsWith("services/wifi.md 0.");
        List<Double> relevances = said.subList(0, 5).stream()
                .map(line -> Double.parseDouble(line.split(" ")[1]))
                .toList();
        assertThat(relevances).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(said.get(5)).isEqualTo(said.getFirst().split(" ")[1]);
        assertThat(Integer.parseInt(said.getFirst().split(" ")[2])).isEqualTo((Library.WIFI.length() + 1 + 3) / 4);
    }

    @Test
    void withoutAKnowledgeBaseInUseTheStepFailsSayingWhatToDo() {
        Library.write(kbFolder);
        assertThat(Scripts.direct("r = THINK KB \"hours\"\nTALK \"never\"\n", settings()))
                .singleElement()
                .asString()
                .contains("THINK KB", "none is", "USE KB");
    }

    @Test
    void theSummaryIsTheFirstSentenceWithoutAHeading() {
        assertThat(ThinkKb.firstSentence("# Opening hours\n\nWe open at 9. We close at 5."))
                .isEqualTo("We open at 9.");
    }
}
