package io.basicflow.compiler.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ValueFunctionsTest extends FunctionFixture {

    @Test
    void iifAndIfPickABranch() {
        assertThat(call("IIF", true, "yes", "no")).isEqualTo(new TextValue("yes"));
        assertThat(call("IIF", "", "yes", "no")).isEqualTo(new TextValue("no"));
        assertThat(call("IF", 0, 1, 2)).isEqualTo(IntegerValue.of(2));
    }

    @Test
    void isEmpty() {
        assertThat(call("ISEMPTY", (Object) null)).isEqualTo(BooleanValue.TRUE);
        assertThat(call("ISEMPTY", "")).isEqualTo(BooleanValue.TRUE);
        assertThat(call("ISEMPTY", "   ")).isEqualTo(BooleanValue.TRUE);
        assertThat(call("ISEMPTY", List.of())).isEqualTo(BooleanValue.TRUE);
        assertThat(call("ISEMPTY", Map.of())).isEqualTo(BooleanValue.TRUE);
        assertThat(call("ISEMPTY", 0)).isEqualTo(BooleanValue.FALSE);
        assertThat(call("ISEMPTY", false)).isEqualTo(BooleanValue.FALSE);
        assertThat(call("ISEMPTY", "x")).isEqualTo(BooleanValue.FALSE);
        assertThat(call("ISEMPTY", List.of(""))).isEqualTo(BooleanValue.FALSE);
    }

    @Test
    void isNullTestsOrSubstitutes() {
        assertThat(call("ISNULL", (Object) null)).isEqualTo(BooleanValue.TRUE);
        assertThat(call("ISNULL", "")).isEqualTo(BooleanValue.FALSE);
        assertThat(call("ISNULL", null, "fallback")).isEqualTo(new TextValue("fallback"));
        assertThat(call("ISNULL", "value", "fallback")).isEqualTo(new TextValue("value"));
        assertThat(call("COALESCE", null, null, 3, 4)).isEqualTo(IntegerValue.of(3));
        assertThat(call("COALESCE", null, "")).isEqualTo(TextValue.EMPTY);
        assertThat(call("COALESCE", (Object) null)).isEqualTo(NullValue.NULL);
    }

    @Test
    void uboundAndCountAreTheNumberOfElements() {
        assertThat(call("UBOUND", List.of("a", "b"))).isEqualTo(IntegerValue.of(2));
        assertThat(call("UBOUND", List.of())).isEqualTo(IntegerValue.ZERO);
        assertThat(call("UBOUND", (Object) null)).isEqualTo(IntegerValue.ZERO);
        assertThat(call("COUNT", Map.of("a", 1))).isEqualTo(IntegerValue.of(1));
        assertFails("UBOUND", "abc")
                .hasMessage("the list must be a list, but is the text \"abc\" in 'UBOUND(\"abc\")'");
        assertFails("COUNT", 5).hasMessageContaining("must be a list");
    }

    @Test
    void lenOfTextsListsAndMaps() {
        assertThat(call("LEN", "hello")).isEqualTo(IntegerValue.of(5));
        assertThat(call("LEN", "olá 👋")).isEqualTo(IntegerValue.of(5));
        assertThat(call("LENGTH", List.of(1, 2, 3))).isEqualTo(IntegerValue.of(3));
        assertThat(call("LEN", Map.of("a", 1, "b", 2))).isEqualTo(IntegerValue.of(2));
        assertThat(call("LEN", (Object) null)).isEqualTo(IntegerValue.ZERO);
        assertThat(call("LEN", 12345)).isEqualTo(IntegerValue.of(5));
        assertThat(call("LEN", true)).isEqualTo(IntegerValue.of(4));
    }

    @Test
    void joinDisplayTexts() {
        assertThat(show("JOIN", List.of("a", 1, 2.5))).isEqualTo("a, 1, 2.5");
        assertThat(show("JOIN", List.of("x", "y"), "-")).isEqualTo("x-y");
        assertThat(show("JOIN", List.of(), "-")).isEmpty();
        assertThat(show("JOIN", (Object) null)).isEmpty();
        assertFails("JOIN", "a,b").hasMessageContaining("the list must be a list");
    }

    @Test
    void firstAndLast() {
        assertThat(call("FIRST", List.of(1, 2, 3))).isEqualTo(IntegerValue.of(1));
        assertThat(call("LAST", List.of(1, 2, 3))).isEqualTo(IntegerValue.of(3));
        assertThat(call("LAST", List.of(Map.of("bytes", 10), Map.of("bytes", 20)), "bytes"))
                .isEqualTo(IntegerValue.of(20));
        assertThat(call("LAST", List.of(Map.of("x", 1)), "bytes")).isEqualTo(NullValue.NULL);
        assertThat(call("FIRST", List.of())).isEqualTo(NullValue.NULL);
        assertFails("LAST", List.of(1), "bytes").hasMessageContaining("the elements must be maps");
    }

    @Test
    void uuidsAreVersion4AndRepeatableWithASeed() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String id = show("UUID");
            UUID parsed = UUID.fromString(id);
            assertThat(parsed.version()).isEqualTo(4);
            assertThat(parsed.variant()).isEqualTo(2);
            assertThat(id).isEqualTo(id.toLowerCase());
            ids.add(id);
        }
        assertThat(ids).hasSize(50);
        assertThat(new FunctionFixture() {}.show("GUID")).isEqualTo(new FunctionFixture() {}.show("UUID"));
    }

    @Test
    void toJson() {
        assertThat(show("TOJSON", Map.of("a", List.of(1, "x\"y")))).isEqualTo("{\"a\":[1,\"x\\\"y\"]}");
        assertThat(show("JSON", "text")).isEqualTo("\"text\"");
        assertThat(show("JSON", (Object) null)).isEqualTo("null");
    }
}
