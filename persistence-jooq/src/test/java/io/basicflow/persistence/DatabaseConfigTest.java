package io.basicflow.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseConfigTest {

    @Test
    void withNoKeysTheEmbeddedServerInTheDefaultFolderIsUsed() {
        DatabaseConfig config = DatabaseConfig.fromProperties(Map.<String, String>of()::get);

        assertThat(config.server()).isEqualTo(new DatabaseConfig.Embedded(Path.of(".basicflow/postgres"), 0));
        assertThat(config.pool()).isEqualTo(DatabaseConfig.Pool.defaults());
        assertThat(config.pool().maximumSize()).isEqualTo(10);
        assertThat(config.pool().minimumIdle()).isEqualTo(10);
        assertThat(config.pool().connectionTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aUrlSelectsAnExternalDatabase() {
        DatabaseConfig config = DatabaseConfig.fromProperties(Map.of(
                "basicflow.db.url", "jdbc:postgresql://db.example:5432/flows",
                "basicflow.db.user", "flows",
                "basicflow.db.password", "s3cret")::get);

        assertThat(config.server())
                .isEqualTo(new DatabaseConfig.External("jdbc:postgresql://db.example:5432/flows", "flows", "s3cret"));
    }

    @Test
    void everyPoolAndEmbeddedKeyIsRead() {
        DatabaseConfig config = DatabaseConfig.fromProperties(Map.of(
                "basicflow.db.embedded.dir", "/var/lib/basicflow",
                "basicflow.db.embedded.port", "15432",
                "basicflow.db.pool.size", "32",
                "basicflow.db.pool.min-idle", "4",
                "basicflow.db.pool.connection-timeout", "500ms",
                "basicflow.db.pool.validation-timeout", "PT2S",
                "basicflow.db.pool.idle-timeout", "2m",
                "basicflow.db.pool.max-lifetime", "1h")::get);

        assertThat(config.server()).isEqualTo(new DatabaseConfig.Embedded(Path.of("/var/lib/basicflow"), 15432));
        assertThat(config.pool())
                .isEqualTo(new DatabaseConfig.Pool(
                        32,
                        4,
                        Duration.ofMillis(500),
                        Duration.ofSeconds(2),
                        Duration.ofMinutes(2),
                        Duration.ofHours(1)));
    }

    @Test
    void minimumIdleFollowsTheSizeUnlessSet() {
        DatabaseConfig config = DatabaseConfig.fromProperties(Map.of("basicflow.db.pool.size", "3")::get);

        assertThat(config.pool().maximumSize()).isEqualTo(3);
        assertThat(config.pool().minimumIdle()).isEqualTo(3);
    }

    @Test
    void aMalformedValueNamesItsKey() {
        assertThatThrownBy(() -> DatabaseConfig.fromProperties(Map.of("basicflow.db.pool.size", "many")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("basicflow.db.pool.size must be a whole number, got 'many'");
        assertThatThrownBy(() ->
                        DatabaseConfig.fromProperties(Map.of("basicflow.db.pool.connection-timeout", "soon")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("basicflow.db.pool.connection-timeout must be a duration like 500ms, 10s, 5m, 1h or"
                        + " PT10S, got 'soon'");
    }

    @Test
    void settingsOutsideTheirBoundsAreRejected() {
        assertThatThrownBy(() -> DatabaseConfig.fromProperties(Map.of("basicflow.db.pool.size", "0")::get))
                .hasMessage("pool maximumSize must be at least 1: 0");
        assertThatThrownBy(() -> DatabaseConfig.fromProperties(
                        Map.of("basicflow.db.pool.size", "2", "basicflow.db.pool.min-idle", "3")::get))
                .hasMessage("pool minimumIdle must be between 0 and maximumSize (2): 3");
        assertThatThrownBy(() ->
                        DatabaseConfig.fromProperties(Map.of("basicflow.db.pool.connection-timeout", "10ms")::get))
                .hasMessage("pool connectionTimeout must be at least 250 ms: 10 ms");
        assertThatThrownBy(() -> DatabaseConfig.fromProperties(Map.of("basicflow.db.embedded.port", "70000")::get))
                .hasMessage("port must be between 0 and 65535: 70000");
    }

    @Test
    void onlyPostgresqlUrlsAreAccepted() {
        assertThatThrownBy(() -> DatabaseConfig.external("jdbc:mysql://host/db?password=x", "u", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("basicflow needs PostgreSQL: the JDBC URL must start with jdbc:postgresql:, got"
                        + " jdbc:mysql://host/db?password=***");
    }

    @Test
    void printingAConfigNeverShowsAPassword() {
        DatabaseConfig config =
                DatabaseConfig.external("jdbc:postgresql://h/db?user=u&password=in-url", "u", "in-config");

        assertThat(config.toString())
                .contains("jdbc:postgresql://h/db?user=u&password=***")
                .doesNotContain("in-url")
                .doesNotContain("in-config");
    }
}
