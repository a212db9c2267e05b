package io.basicflow.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.spi.KeywordException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The filter language: parsed into conditions, rendered with every value a parameter. */
class FilterTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);
    private static final Map<String, String> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("id", "numeric");
        COLUMNS.put("status", "text");
        COLUMNS.put("name", "text");
        COLUMNS.put("read", "bool");
        COLUMNS.put("created_at", "timestamp");
    }

    private static Filter.Sql sql(String filter) throws KeywordException {
        return Filter.render(Filter.parse(filter, CLOCK), COLUMNS, "t");
    }

    @Test
    void aBareWordIsAValue() throws KeywordException {
        Filter.Sql sql = sql("status=pending");
        assertThat(sql.text()).isEqualTo("\"status\" = cast(? as \"text\")");
        assertThat(sql.parameters()).containsExactly("pending");
    }

    @Test
    void logicParenthesesInLikeAndNull() throws KeywordException {
        Filter.Sql sql = sql("NOT (status IN ('a', \"b\") OR name LIKE 'A%') AND id <> 3 AND name IS NOT NULL");
        assertThat(sql.text())
                .isEqualTo("((not ((\"status\" in (cast(? as \"text\"), cast(? as \"text\")) or cast(\"name\" as text)"
                        + " like ?)) and \"id\" <> cast(? as \"numeric\")) and \"name\" is not null)");
        assertThat(sql.parameters()).containsExactly("a", "b", "A%", "3");
    }

    @Test
    void ilikeIsPostgresqlsCaseInsensitiveLikeWithItsPatternBound() throws KeywordException {
        Filter.Sql sql = sql("name ILIKE '%pen%' OR status NOT ILIKE 'x%'");
        assertThat(sql.text()).isEqualTo("(cast(\"name\" as text) ilike ? or cast(\"status\" as text) not ilike ?)");
        assertThat(sql.parameters()).containsExactly("%pen%", "x%");
        assertThatThrownBy(() -> sql("name ILIKE NULL")).hasMessageContaining("ILIKE needs a pattern");
    }

    @Test
    void dateFunctionsAreComputedAndBound() throws KeywordException {
        Filter.Sql sql = sql("read = true AND created_at < DATEADD(NOW(), -90, 'day')");
        assertThat(sql.parameters()).containsExactly("true", "2026-09-07T10:00:00Z");
        assertThat(sql("created_at >= TODAY()").parameters()).containsExactly("2026-12-06");
    }

    @Test
    void aQuotedValueIsOneLiteralWhateverItHolds() throws KeywordException {
        Filter.Sql sql = sql("name = 'x''; DROP TABLE t; --'");
        assertThat(sql.text()).isEqualTo("\"name\" = cast(? as \"text\")");
        assertThat(sql.parameters()).containsExactly("x'; DROP TABLE t; --");
    }

    @Test
    void injectionAttemptsAreErrorsThatNameThePosition() {
        assertThatThrownBy(() -> sql("id = 1; DROP TABLE x"))
                .isInstanceOf(KeywordException.class)
                .hasMessageContaining("at position 9")
                .hasMessageContaining("expected AND, OR or the end of the filter");
        assertThatThrownBy(() -> sql("1=1 OR name = ''; --"))
                .hasMessageContaining("at position 1: expected a column name");
        assertThatThrownBy(() -> sql("status = 'open' OR 1=1")).hasMessageContaining("expected a column name");
        assertThatThrownBy(() -> sql("\"id\" = 1")).hasMessageContaining("expected a column name");
        assertThatThrownBy(() -> sql("pg_sleep = 1")).hasMessageContaining("reserved");
        assertThatThrownBy(() -> sql("name = 'open")).hasMessageContaining("no closing '");
        assertThatThrownBy(() -> sql("id = version()")).hasMessageContaining("unknown function VERSION");
    }

    @Test
    void aColumnTheTableDoesNotHaveIsNamedWithTheColumnsItHas() {
        assertThatThrownBy(() -> sql("password = 'x'"))
                .hasMessageContaining(
                        "table t has no column password (its columns: id, status, name, read, created_at)");
    }

    @Test
    void tableAndColumnNamesAreCheckedIdentifiers() {
        assertThatThrownBy(() -> Names.table("customers; drop table x")).hasMessageContaining("not a valid table name");
        assertThatThrownBy(() -> Names.table("public.workflow_events")).hasMessageContaining("not a valid table name");
        assertThatThrownBy(() -> Names.table("basicflow_bot_memory")).hasMessageContaining("reserved");
        assertThatThrownBy(() -> Names.column("a\"b")).hasMessageContaining("not a valid column name");
        assertThat(Names.schema("Support-Desk")).isEqualTo("bot_support_desk");
    }
}
