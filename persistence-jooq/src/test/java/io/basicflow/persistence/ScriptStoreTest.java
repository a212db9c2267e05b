package io.basicflow.persistence;

import static io.basicflow.persistence.internal.jooq.Tables.WORKFLOW_SCRIPTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScriptStoreTest {

    private Database database;
    private ScriptStore scripts;

    @BeforeAll
    void start(TestDatabase testDatabase) {
        database = testDatabase.startDatabase();
        scripts = new ScriptStore(database);
    }

    @AfterAll
    void stop() {
        database.close();
    }

    @Test
    void aStoredSourceIsFoundByItsHashExactly() {
        String source = "#workflow\r\nTALK \"Grüß dich 👋\"   \n\tHEAR name\n' trailing spaces stay   ";
        Instant before = Instant.now().minusSeconds(5);

        StoredScript stored = scripts.store("greeting.bas", source);

        assertThat(stored.hash())
                .isEqualTo(StoredScript.hashOf(source))
                .hasSize(64)
                .matches("[0-9a-f]{64}");
        assertThat(stored.name()).isEqualTo("greeting.bas");
        assertThat(stored.source()).isEqualTo(source);
        assertThat(stored.createdAt()).isAfter(before);
        assertThat(scripts.find(stored.hash())).contains(stored);
    }

    @Test
    void storingTheSameSourceAgainKeepsOneRowAndItsFirstName() {
        String source = "TALK \"same\"\n";
        StoredScript first = scripts.store("first-name.bas", source);

        StoredScript second = scripts.store("renamed.bas", source);

        assertThat(second).isEqualTo(first);
        assertThat(database.dsl().fetchCount(WORKFLOW_SCRIPTS, WORKFLOW_SCRIPTS.HASH.eq(first.hash())))
                .isEqualTo(1);
    }

    @Test
    void anEditedSourceIsANewVersion_theOldOneStays() {
        StoredScript original = scripts.store("edited.bas", "TALK \"v1\"\n");
        StoredScript edited = scripts.store("edited.bas", "TALK \"v2\"\n");

        assertThat(edited.hash()).isNotEqualTo(original.hash());
        assertThat(scripts.find(original.hash())).map(StoredScript::source).contains("TALK \"v1\"\n");
        assertThat(scripts.find(edited.hash())).map(StoredScript::source).contains("TALK \"v2\"\n");
    }

    @Test
    void anUnknownHashFindsNothing() {
        assertThat(scripts.find(StoredScript.hashOf("never stored"))).isEmpty();
    }

    @Test
    void theHashIsSha256OfUtf8() {
        // sha256("") and sha256("abc"), as every SHA-256 implementation gives them
        assertThat(StoredScript.hashOf(""))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(StoredScript.hashOf("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void theStoreNeedsAStartedDatabase(TestDatabase testDatabase) {
        ScriptStore unstarted = new ScriptStore(new Database(testDatabase.config()));

        assertThatThrownBy(() -> unstarted.find(StoredScript.hashOf("x")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the Database is not started; call start() first");
    }
}
