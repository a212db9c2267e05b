package io.basicflow.engine.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.engine.direct.ScriptResolver;
import io.basicflow.engine.state.ChildRequest;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How STEP n: BOT finds a bot, what the bot starts with and what its result sets. */
class BotCallsTest {

    @TempDir
    Path scripts;

    private ChildRequest bot(String name) {
        return BotCalls.request(name, "the task", Map.of("amount", IntegerValue.of(5)), "flows/main.bas");
    }

    @Test
    void aBotIsFoundFromTheFolderRootInTheGbaiLayoutFirstThenTheFlatOne() throws IOException {
        Files.createDirectories(scripts.resolve("billing.gbai/billing.gbdialog"));
        Files.writeString(scripts.resolve("billing.gbai/billing.gbdialog/start.bas"), "RETURN 1\n");
        Files.createDirectories(scripts.resolve("billing"));
        Files.writeString(scripts.resolve("billing/start.bas"), "RETURN 2\n");
        Files.createDirectories(scripts.resolve("stock"));
        Files.writeString(scripts.resolve("stock/start.bas"), "RETURN 3\n");
        ScriptResolver resolver = ScriptResolver.directory(scripts);

        assertThat(resolver.resolve(bot("billing")).orElseThrow().name())
                .isEqualTo("billing.gbai/billing.gbdialog/start.bas");
        assertThat(resolver.resolve(bot("stock")).orElseThrow().name()).isEqualTo("stock/start.bas");
        assertThat(resolver.resolve(bot("nobody"))).isEmpty();
        assertThatThrownBy(() -> resolver.resolve(bot("../etc")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a bot is named by its folder name");
        assertThat(BotCalls.missing("nobody"))
                .isEqualTo("BOT \"nobody\": there is no such bot (looked for nobody.gbai/nobody.gbdialog/start.bas"
                        + " or nobody/start.bas in the scripts folder)");
    }

    @Test
    void aBotStartsWithACopyOfTheVariablesAndItsTask() {
        assertThat(BotCalls.variables(bot("x")))
                .containsExactly(Map.entry("amount", IntegerValue.of(5)), Map.entry("task", new TextValue("the task")));
    }

    @Test
    void aReturnedMapSetsVariablesAndAnyOtherValueSetsResult() {
        Map<String, Value> entries = new LinkedHashMap<>();
        entries.put("Category", new TextValue("late"));
        entries.put("not a name", IntegerValue.of(1));
        entries.put("score_2", IntegerValue.of(2));

        assertThat(BotCalls.resultVariables(new MapValue(entries), null))
                .containsExactly(
                        Map.entry("category", new TextValue("late")), Map.entry("score_2", IntegerValue.of(2)));
        assertThat(BotCalls.resultVariables(new TextValue("ok"), null))
                .containsExactly(Map.entry("result", new TextValue("ok")));
        assertThat(BotCalls.resultVariables(new TextValue("ok"), "B"))
                .containsExactly(Map.entry("result_b", new TextValue("ok")));
        assertThat(BotCalls.resultVariables(NullValue.NULL, "B")).isEmpty();
    }
}
