package io.basicflow.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.engine.api.ExecutionQuery;
import io.basicflow.engine.api.InvalidCursorException;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A listing cursor the store did not hand out is refused with {@link InvalidCursorException} (the API
 * answers 400), never passed to PostgreSQL or failing as an internal error.
 */
@ExtendWith(PostgresExtension.class)
class ListingCursorTest {

    private static String encoded(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static ExecutionQuery after(String cursor) {
        return new ExecutionQuery(
                Set.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(cursor), 10);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "-1",
                "x",
                "%FF",
                "not base64 at all!",
                "bm90LWEtY3Vyc29y", // "not-a-cursor"
                "LTk5OTk5OTk5OTk5OTk5OTk5OTk6eA", // "-9999999999999999999:x"
                "OTIyMzM3MjAzNjg1NDc3NTgwNzp4", // "9223372036854775807:x": past any timestamptz
                "MTIzOg" // "123:" (no id)
            })
    void aCursorThatIsNoneIsRefused(String cursor, TestDatabase testDatabase) {
        try (Database database = testDatabase.startDatabase()) {
            JooqEventStore store = new JooqEventStore(database);

            assertThatThrownBy(() -> store.list(after(cursor)))
                    .isInstanceOfSatisfying(
                            InvalidCursorException.class,
                            e -> assertThat(e.cursor()).isEqualTo(cursor))
                    .hasMessageContaining("is not a cursor of this listing");
        }
    }

    @Test
    void aWellFormedCursorOfAnyPlausibleTimeIsAccepted(TestDatabase testDatabase) {
        try (Database database = testDatabase.startDatabase()) {
            JooqEventStore store = new JooqEventStore(database);

            assertThat(store.list(after(encoded("1796595354440216:some-id"))).executions())
                    .isEmpty();
            assertThat(store.list(after(encoded("-62135596800000000:a"))).executions())
                    .isEmpty();
        }
    }
}
