package io.basicflow.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.persistence.Database;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Knowledge bases in PostgreSQL (migration V40): what one node indexes, another finds without indexing. */
@ExtendWith(PostgresExtension.class)
class PostgresKnowledgeBaseTest {

    private final TestDatabase testDatabase;

    @TempDir
    Path kbFolder;

    PostgresKnowledgeBaseTest(TestDatabase testDatabase) {
        this.testDatabase = testDatabase;
    }

    private static int count(Database database, String sql) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    @Test
    void passagesIndexedByOneNodeAreFoundByAnotherAndChangesReachIt() throws Exception {
        Path folder = Library.write(kbFolder);
        try (Database database = testDatabase.startDatabase()) {
            KnowledgeBases first = new KnowledgeBases(configuration -> new PostgresKbStore(database.dataSource()));
            KnowledgeBases second = new KnowledgeBases(configuration -> new PostgresKbStore(database.dataSource()));
            first.configure(null);
            second.configure(null);

            assertThat(first.index(folder).indexed()).isEqualTo(5);
            assertThat(count(database, "select count(*) from ai_kb_chunks")).isEqualTo(5);
            assertThat(count(database, "select min(array_length(embedding, 1)) from ai_kb_chunks"))
                    .isEqualTo(384);

            assertThat(second.search(List.of(folder), "How much is a late return?", 1)
                            .getFirst())
                    .contains(Library.FINES);
            assertThat(second.index(folder).unchanged()).isEqualTo(5);

            Files.writeString(folder.resolve("fines.txt"), "Late returns are free of charge since March.");
            assertThat(first.index(folder)).isEqualTo(new KnowledgeBases.Indexing(1, 0, 4, 1));
            assertThat(second.search(List.of(folder), "How much is a late return?", 1)
                            .getFirst())
                    .contains("free of charge since March");
            assertThat(count(database, "select count(*) from ai_kb_chunks")).isEqualTo(5);
        }
    }
}
