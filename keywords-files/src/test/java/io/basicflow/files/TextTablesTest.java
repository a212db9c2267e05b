package io.basicflow.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CSV and lines shapes of READ and WRITE … AS TABLE|LINES. */
class TextTablesTest {

    private static MapValue row(String... keysAndValues) {
        Map<String, Value> row = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put(keysAndValues[i], Value.text(keysAndValues[i + 1]));
        }
        return new MapValue(row);
    }

    @Test
    void quotedFieldsHoldCommasQuotesAndLineBreaks() throws Exception {
        String csv = "\uFEFF name , note,zip\r\n\"Ana\",\"says \"\"hi\"\", then, bye\",007\r\n\r\nBo,\"two\nlines\"\n";
        assertThat(TextTables.table("READ t.csv", csv).elements())
                .containsExactly(
                        row("name", "Ana", "note", "says \"hi\", then, bye", "zip", "007"),
                        row("name", "Bo", "note", "two\nlines", "zip", ""));
    }

    @Test
    void badCsvIsAnErrorThatSaysWhere() {
        assertThatThrownBy(() -> TextTables.table("READ t.csv", "a,b\n1,2,3\n"))
                .isInstanceOf(KeywordException.class)
                .hasMessageContaining("CSV record 2 has 3 fields, the header 2");
        assertThatThrownBy(() -> TextTables.table("READ t.csv", "a,b\n1,\"open\n2,3\n"))
                .hasMessageContaining("quote opened on line 2 and never closed");
        assertThatThrownBy(() -> TextTables.table("READ t.csv", "a,a\n1,2\n"))
                .hasMessageContaining("the column 'a' twice");
    }

    @Test
    void whatWriteAsTableWritesReadsBackTheSame() throws Exception {
        ListValue rows = new ListValue(
                List.of(row("name", "Cake, lemon", "said", "\"yes\""), row("name", "Tea", "said", "line\nbreak")));
        assertThat(TextTables.table("READ t.csv", TextTables.writeTable("WRITE", rows)))
                .isEqualTo(rows);
    }

    @Test
    void linesSplitAtEveryLineBreakAndAFinalBreakAddsNoLine() {
        assertThat(TextTables.lines("a\r\nb\nc\n").elements())
                .containsExactly(Value.text("a"), Value.text("b"), Value.text("c"));
        assertThat(TextTables.lines("a\n\nb").elements()).hasSize(3);
        assertThat(TextTables.lines("").elements()).isEmpty();
    }
}
