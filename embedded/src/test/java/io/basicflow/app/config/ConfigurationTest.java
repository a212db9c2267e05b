package io.basicflow.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationTest {

    @TempDir
    Path folder;

    @Test
    void flagsBeatEnvironmentWhichBeatsTheFileWhichBeatsDefaults() throws IOException {
        Path file = folder.resolve("basicflow.properties");
        Files.writeString(file, """
                basicflow.db.pool.size=7
                basicflow.api.port=9000
                basicflow.durable.concurrency=3
                basicflow.mail.host=file.example.com
                """);
        Configuration configuration = Configuration.load(
                Map.of("basicflow.durable.concurrency", "5"),
                Map.of("BASICFLOW_API_PORT", "9100", "BASICFLOW_DURABLE_CONCURRENCY", "4", "HOME", "/root"),
                Optional.of(file));

        assertThat(configuration.getInt(Setting.WORKERS)).isEqualTo(5);
        assertThat(configuration.source("basicflow.durable.concurrency")).isEqualTo("command line");
        assertThat(configuration.getInt(Setting.API_PORT)).isEqualTo(9100);
        assertThat(configuration.source("basicflow.api.port")).isEqualTo("environment BASICFLOW_API_PORT");
        assertThat(configuration.getInt(Setting.DB_POOL_SIZE)).isEqualTo(7);
        assertThat(configuration.get(Setting.MAIL_HOST)).isEqualTo("file.example.com");
        assertThat(configuration.get(Setting.API_HOST)).isEqualTo("127.0.0.1");
        assertThat(configuration.source("basicflow.api.host")).isEqualTo("default");
        assertThat(configuration.all()).doesNotContainKey("home");
    }

    @Test
    void environmentVariablesOfKnownKeysKeepTheirDashes() {
        Configuration configuration =
                Configuration.load(Map.of(), Map.of("BASICFLOW_DB_POOL_SIZE", "21"), Optional.of(Path.of("/dev/null")));
        assertThat(configuration.get("basicflow.db.pool.size")).contains("21");
        assertThat(Setting.DB_POOL_SIZE.environmentVariable()).isEqualTo("BASICFLOW_DB_POOL_SIZE");
    }

    @Test
    void pluginKeysFromTheEnvironmentReachThePlugin() {
        Configuration configuration = Configuration.load(
                Map.of(), Map.of("BASICFLOW_TICKETS_QUEUE", "support"), Optional.of(Path.of("/dev/null")));
        assertThat(configuration.get("basicflow.tickets.queue")).contains("support");
    }

    @Test
    void malformedNumbersNameTheKeyAndWhereItWasSet() {
        Configuration configuration = Configuration.load(
                Map.of(), Map.of("BASICFLOW_DURABLE_CONCURRENCY", "many"), Optional.of(Path.of("/dev/null")));
        assertThatThrownBy(() -> configuration.getInt(Setting.WORKERS))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("basicflow.durable.concurrency must be an integer, was 'many' (from environment"
                        + " BASICFLOW_DURABLE_CONCURRENCY)");
    }

    @Test
    void durationsTakeUnits() {
        assertThat(Configuration.of(Map.of("basicflow.durable.lease-timeout", "2500ms"))
                        .getDuration(Setting.LEASE_TIMEOUT))
                .isEqualTo(Duration.ofMillis(2500));
        assertThat(Configuration.of(Map.of()).getDuration(Setting.LEASE_TIMEOUT))
                .isEqualTo(Duration.ofSeconds(15));
        assertThat(Configuration.of(Map.of("basicflow.durable.lease-timeout", "PT1M"))
                        .getDuration(Setting.LEASE_TIMEOUT))
                .isEqualTo(Duration.ofMinutes(1));
        assertThatThrownBy(() -> Configuration.of(Map.of("basicflow.durable.lease-timeout", "soon"))
                        .getDuration(Setting.LEASE_TIMEOUT))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(
                        "basicflow.durable.lease-timeout must be a duration like 500ms, 10s, 5m, 1h or PT10S");
    }

    @Test
    void aNamedFileThatCannotBeReadIsAnError() {
        assertThatThrownBy(
                        () -> Configuration.load(Map.of(), Map.of(), Optional.of(folder.resolve("missing.properties"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("cannot read the configuration file")
                .hasMessageContaining("missing.properties");
    }
}
