package io.basicflow.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code PARSE_JSON(text)}, as the KB statistics pages use it: JSON text parsed, a map kept as it is. */
@ExtendWith(PostgresExtension.class)
class ParseJsonTest {

    @Test
    void parsesJsonTextAndLeavesParsedValuesAsTheyAre(TestDatabase database) {
        DataEngines.Run run = DataEngines.direct(database, "json/start.bas", """
                s = PARSE_JSON("{""total"": 3, ""names"": [""faq"", ""policies""], ""ok"": true}")
                TALK s.total + 1 + " " + s.names[1] + " " + s.ok
                again = PARSE_JSON(s)
                TALK again.names[0]
                TALK ISNULL(PARSE_JSON(NULL))
                obj = PARSE_JSON("[1, {""k"": ""v""}]")
                TALK obj[1].k + " " + JSON(s.names)
                bad = PARSE_JSON("{oops")
                """, List.of());
        assertThat(run.messages()).containsExactly("4 policies true", "faq", "true", "v [\"faq\",\"policies\"]");
        assertThat(run.outcome()).startsWith("FAILED").contains("PARSE_JSON");
    }
}
