package io.basicflow.data;

import static io.basicflow.data.DataEngines.assertCompleted;
import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** TABLE … END TABLE applies real DDL in the bot's schema: new tables and columns, never a loss. */
@ExtendWith(PostgresExtension.class)
class TableBlockTest {

    static final String CONTACTS = """
            TABLE Contacts
                Id number key
                Nome string(150)
                Email string(255)
                DataCadastro date
            END TABLE
            SAVE "contacts", 1, #{nome: "Ana", email: "ana@example.com", datacadastro: "2026-12-01"}
            rows = FIND "contacts", "datacadastro >= '2026-11-30'"
            TALK rows[0].nome + " " + rows[0].datacadastro
            """;

    @Test
    void aDeclaredTableGetsItsTypesInBothModes(TestDatabase database) throws Exception {
        DataEngines.Run direct = DataEngines.direct(database, "crm/start.bas", CONTACTS, List.of());
        assertCompleted(direct);
        assertThat(direct.messages()).containsExactly("Ana 2026-12-01");
        try (DurableFixture engine = DataEngines.fixture(database)) {
            DataEngines.Run durable = DataEngines.durable(engine, "crm2/start.bas", CONTACTS, Map.of());
            assertCompleted(durable);
            assertThat(durable.messages()).isEqualTo(direct.messages());
        }
        assertThat(columns(database, "bot_crm", "contacts"))
                .containsExactly("id int4", "nome varchar", "email varchar", "datacadastro date");
        assertThat(columns(database, "bot_crm2", "contacts")).isEqualTo(columns(database, "bot_crm", "contacts"));
    }

    @Test
    void aNewFieldIsAddedAndARemovedOrRetypedOneIsRefused(TestDatabase database) throws Exception {
        assertCompleted(DataEngines.direct(
                database, "ev/a.bas", "TABLE visits\n  id number key\n  who string(20)\nEND TABLE\n", List.of()));
        assertCompleted(DataEngines.direct(
                database,
                "ev/b.bas",
                "TABLE visits\n  id number key\n  who string(20)\n  note text\nEND TABLE\n",
                List.of()));
        assertThat(columns(database, "bot_ev", "visits")).containsExactly("id int4", "who varchar", "note text");
        DataEngines.Run dropped = DataEngines.direct(
                database, "ev/c.bas", "TABLE visits\n  id number key\n  note text\nEND TABLE\n", List.of());
        assertThat(dropped.outcome()).contains("no longer declares column who, which holds data");
        DataEngines.Run retyped = DataEngines.direct(
                database,
                "ev/d.bas",
                "TABLE visits\n  id number key\n  who boolean\n  note text\nEND TABLE\n",
                List.of());
        assertThat(retyped.outcome()).contains("declares column who as boolean but it is varchar");
        DataEngines.Run bad = DataEngines.direct(
                database, "ev/e.bas", "TABLE visits\n  id number key; drop table x\nEND TABLE\n", List.of());
        assertThat(bad.outcome()).contains("is not a field");
        assertThat(columns(database, "bot_ev", "visits")).containsExactly("id int4", "who varchar", "note text");
    }

    private static List<String> columns(TestDatabase database, String schema, String table) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
                var select = connection.prepareStatement("select column_name, udt_name from information_schema.columns"
                        + " where table_schema = ? and table_name = ? order by ordinal_position")) {
            select.setString(1, schema);
            select.setString(2, table);
            List<String> columns = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1) + " " + rows.getString(2));
                }
            }
            return columns;
        }
    }
}
