package io.basicflow.engine.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings read from {@code basicflow.durable.*} keys, for worker processes and the app. */
class DurableSettingsTest {

    @Test
    void keysOverrideTheDefaults() {
        Map<String, String> keys = Map.of(
                "basicflow.durable.node", "worker-7",
                "basicflow.durable.concurrency", "32",
                "basicflow.durable.lease-timeout", "PT20S",
                "basicflow.durable.heartbeat-interval", "500ms",
                "basicflow.durable.steps-per-activation", "250",
                "basicflow.durable.reclaim-dead-local-owners", "false");

        DurableSettings settings = DurableSettings.fromProperties(keys::get);

        assertThat(settings.nodeName()).isEqualTo("worker-7");
        assertThat(settings.concurrency()).isEqualTo(32);
        assertThat(settings.leaseTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings.heartbeatInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.limits().stepsPerActivation()).isEqualTo(250);
        assertThat(settings.reclaimDeadLocalOwners()).isFalse();
        assertThat(settings.pollInterval()).isEqualTo(DurableSettings.defaults().pollInterval());
    }

    @Test
    void aMalformedValueNamesItsKey() {
        assertThatThrownBy(() -> DurableSettings.fromProperties(Map.of("basicflow.durable.poll-interval", "soon")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("basicflow.durable.poll-interval");
        assertThatThrownBy(() -> DurableSettings.fromProperties(Map.of("basicflow.durable.concurrency", "many")::get))
                .hasMessageContaining("basicflow.durable.concurrency must be a whole number");
    }

    @Test
    void aLeaseMustOutliveTwoHeartbeats() {
        assertThatThrownBy(() -> DurableSettings.defaults().toBuilder()
                        .leaseTimeout(Duration.ofSeconds(2))
                        .heartbeatInterval(Duration.ofSeconds(1))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than twice heartbeatInterval");
    }
}
