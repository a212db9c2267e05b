package io.basicflow.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The address rules on literal addresses (no DNS): defaults, allow, deny, networks, bad entries. */
class AddressPolicyTest {

    private static String refusal(AddressPolicy policy, String url) {
        return policy.refusal(URI.create(url));
    }

    @Test
    void theEnginesMachineAndMetadataAreRefusedAndOtherAddressesAllowedByDefault() {
        AddressPolicy defaults = AddressPolicy.parse("", "");

        assertThat(refusal(defaults, "http://127.0.0.1:8080/")).contains("the engine's own machine");
        assertThat(refusal(defaults, "http://0.0.0.0/")).contains("the engine's own machine");
        assertThat(refusal(defaults, "http://[::1]/")).contains("the engine's own machine");
        assertThat(refusal(defaults, "http://169.254.169.254/latest/")).contains("cloud metadata");
        assertThat(refusal(defaults, "http://[fd00:ec2::254]/")).contains("cloud metadata");
        assertThat(refusal(defaults, "http://[::ffff:169.254.169.254]/")).contains("cloud metadata");
        assertThat(refusal(defaults, "http://100.100.100.200/")).contains("cloud metadata");
        assertThat(refusal(defaults, "http://203.0.113.7/")).isNull();
        assertThat(refusal(defaults, "http://10.1.2.3/")).isNull();
    }

    @Test
    void allowLetsThroughAndDenyWinsOverAllow() {
        AddressPolicy policy = AddressPolicy.parse("127.0.0.0/8, 169.254.169.254", "127.0.0.2, 203.0.113.0/24");

        assertThat(refusal(policy, "http://127.0.0.1/")).isNull();
        assertThat(refusal(policy, "http://127.0.0.2/")).contains("refused by basicflow.http.deny");
        assertThat(refusal(policy, "http://169.254.169.254/")).isNull();
        assertThat(refusal(policy, "http://203.0.113.99/")).contains("refused by basicflow.http.deny");
        assertThat(refusal(policy, "http://203.0.114.1/")).isNull();
    }

    @Test
    void invalidEntriesNameTheirSetting() {
        assertThatThrownBy(() -> AddressPolicy.parse("10.0.0.0/33", ""))
                .hasMessage("basicflow.http.allow: '10.0.0.0/33' has an invalid prefix length");
        assertThatThrownBy(() -> AddressPolicy.parse("", "example.com/8"))
                .hasMessage("basicflow.http.deny: 'example.com/8' is neither a host name nor a network");
    }
}
