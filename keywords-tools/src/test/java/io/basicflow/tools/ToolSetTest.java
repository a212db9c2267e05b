package io.basicflow.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolSetTest {

    @Test
    void toolsKeepTheOrderTheyWereFirstAddedAndAppearOnce() {
        ToolSet set = ToolSet.EMPTY.add("lookup").add("crm/create-lead").add("lookup");

        assertThat(set.names()).containsExactly("lookup", "crm/create-lead");
        assertThat(set.contains("crm/create-lead")).isTrue();
        assertThat(set.contains("Lookup")).isFalse();
    }

    @Test
    void addingAnActiveToolLeavesTheSetAsItWas() {
        ToolSet set = ToolSet.EMPTY.add("lookup");

        assertThat(set.add("lookup")).isSameAs(set);
    }

    @Test
    void clearEmptiesAndRemoveTakesOneOut() {
        ToolSet set = ToolSet.EMPTY.add("a").add("b").add("c");

        assertThat(set.remove("b").names()).containsExactly("a", "c");
        assertThat(set.remove("zzz")).isSameAs(set);
        assertThat(set.clear().isEmpty()).isTrue();
        assertThat(set.names()).containsExactly("a", "b", "c");
    }

    @Test
    void theSetSurvivesARoundTripThroughTheExecutionState() {
        ToolSet set = ToolSet.EMPTY.add("lookup").add("crm/create-lead");

        ListValue stored = set.toValue();

        assertThat(stored).isEqualTo(new ListValue(List.of(Value.text("lookup"), Value.text("crm/create-lead"))));
        assertThat(ToolSet.fromValue(stored)).isEqualTo(set);
        assertThat(ToolSet.fromValue(NullValue.NULL)).isEqualTo(ToolSet.EMPTY);
    }

    @Test
    void aCorruptStoredSetIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> ToolSet.fromValue(new ListValue(List.of(Value.number(3)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds 3, which is not a tool name");
        assertThatThrownBy(() -> ToolSet.fromValue(new MapValue(Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a list of tool names");
        assertThatThrownBy(() -> ToolSet.fromValue(new ListValue(List.of(Value.text("a"), Value.text("a")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tool 'a' is twice");
        assertThatThrownBy(() -> new ToolSet(List.of(" ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank");
    }
}
