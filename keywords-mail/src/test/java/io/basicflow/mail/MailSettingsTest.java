package io.basicflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.spi.PluginConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MailSettingsTest {

    private static Map<String, String> minimal() {
        Map<String, String> values = new HashMap<>();
        values.put("host", "smtp.example.com");
        values.put("from", "Bot <bot@Example.COM>");
        return values;
    }

    private static MailSettings read(Map<String, String> values) {
        return MailSettings.from(new PluginConfiguration("mail", values));
    }

    @Test
    void defaults() {
        MailSettings settings = read(minimal());

        assertThat(settings.host()).isEqualTo("smtp.example.com");
        assertThat(settings.port()).isEqualTo(25);
        assertThat(settings.security()).isEqualTo(MailSettings.Security.NONE);
        assertThat(settings.username()).isEmpty();
        assertThat(settings.password()).isEmpty();
        assertThat(settings.from()).isEqualTo("Bot <bot@Example.COM>");
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.html()).isEqualTo(MailSettings.HtmlMode.AUTO);
        assertThat(settings.messageIdDomain()).isEqualTo("example.com");
        assertThat(settings.trust().hosts()).isEmpty();
        assertThat(settings.heloName()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"none, 25", "starttls, 587", "ssl, 465", "STARTTLS, 587"})
    void defaultPortFollowsSecurity(String security, int port) {
        Map<String, String> values = minimal();
        values.put("security", security);

        assertThat(read(values).port()).isEqualTo(port);
    }

    @Test
    void everySettingIsRead() {
        Map<String, String> values = minimal();
        values.put("port", "2525");
        values.put("security", "starttls");
        values.put("username", "bot");
        values.put("password", "pw");
        values.put("timeout-ms", "1500");
        values.put("html", "never");
        values.put("message-id-domain", "mail.example.org");
        values.put("trust", "a.example.com b.example.com,c.example.com");
        values.put("helo-name", "worker-1.example.com");

        MailSettings settings = read(values);

        assertThat(settings.port()).isEqualTo(2525);
        assertThat(settings.security()).isEqualTo(MailSettings.Security.STARTTLS);
        assertThat(settings.username()).contains("bot");
        assertThat(settings.password()).contains("pw");
        assertThat(settings.timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(settings.html()).isEqualTo(MailSettings.HtmlMode.NEVER);
        assertThat(settings.messageIdDomain()).isEqualTo("mail.example.org");
        assertThat(settings.trust().hosts()).containsExactly("a.example.com", "b.example.com", "c.example.com");
        assertThat(settings.trust().trusts("B.example.com")).isTrue();
        assertThat(settings.trust().trusts("d.example.com")).isFalse();
        assertThat(settings.heloName()).contains("worker-1.example.com");
    }

    @Test
    void passwordNeverShowsInToString() {
        Map<String, String> values = minimal();
        values.put("username", "bot");
        values.put("password", "hunter2-secret");

        assertThat(read(values).toString()).doesNotContain("hunter2-secret").contains("password=****");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "host | | basicflow.mail.host is not configured",
                "from | | basicflow.mail.from is not configured",
                "from | '   ' | basicflow.mail.from is not configured",
                "from | not an address | basicflow.mail.from is invalid: 'not an address'; expected an e-mail address",
                "port | 0 | basicflow.mail.port is invalid: '0'; expected an integer from 1 to 65535",
                "port | smtp | basicflow.mail.port is invalid: 'smtp'; expected an integer from 1 to 65535",
                "security | tls | basicflow.mail.security is invalid: 'tls'; expected one of [none, starttls, ssl]",
                "html | sometimes | basicflow.mail.html is invalid: 'sometimes'; expected one of [auto, always, never]",
                "timeout-ms | -5 | basicflow.mail.timeout-ms is invalid: '-5'; expected an integer from 1 to 3600000",
                "host | smtp example.com | basicflow.mail.host is invalid: 'smtp example.com'; expected a host name",
                "message-id-domain | a b | basicflow.mail.message-id-domain is invalid: 'a b'",
                "trust | '*, localhost' | basicflow.mail.trust is invalid: '*,localhost'; expected either * or a list",
                "hots | smtp.example.com | basicflow.mail.hots is not a mail setting; the mail settings are"
                        + " [basicflow.mail.from, basicflow.mail.helo-name, basicflow.mail.host,",
            })
    void configurationErrorsNameTheFullKey(String key, String value, String expectedStart) {
        Map<String, String> values = minimal();
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, value);
        }

        assertThatThrownBy(() -> read(values))
                .isInstanceOf(MailConfigurationException.class)
                .message()
                .startsWith(expectedStart);
    }

    @Test
    void usernameWithoutPasswordIsAnError() {
        Map<String, String> values = minimal();
        values.put("username", "bot");

        assertThatThrownBy(() -> read(values))
                .isInstanceOf(MailConfigurationException.class)
                .hasMessage("basicflow.mail.password is not configured; it is required when basicflow.mail.username"
                        + " is set");
    }

    @Test
    void passwordWithoutUsernameIsAnError() {
        Map<String, String> values = minimal();
        values.put("password", "pw");

        assertThatThrownBy(() -> read(values))
                .isInstanceOf(MailConfigurationException.class)
                .hasMessage("basicflow.mail.username is not configured; it is required when basicflow.mail.password"
                        + " is set");
    }

    @Test
    void lineBreakInTheSenderIsAnError() {
        Map<String, String> values = minimal();
        values.put("from", "bot@example.com\r\nBcc: x@example.com");

        assertThatThrownBy(() -> read(values))
                .isInstanceOf(MailConfigurationException.class)
                .hasMessage("basicflow.mail.from contains a control character (a line break?)");
    }

    @Test
    void ipv6HostIsShownInBrackets() {
        Map<String, String> values = minimal();
        values.put("host", "::1");

        assertThat(read(values).server()).isEqualTo("[::1]:25");
    }

    @Test
    void sessionPropertiesFollowTheSettings() {
        Map<String, String> values = minimal();
        values.put("security", "starttls");
        values.put("username", "bot");
        values.put("password", "pw");
        values.put("timeout-ms", "1234");
        values.put("trust", "smtp.example.com");

        var properties = SmtpSender.properties(read(values));

        assertThat(properties)
                .containsEntry("mail.smtp.starttls.enable", "true")
                .containsEntry("mail.smtp.starttls.required", "true")
                .containsEntry("mail.smtp.auth", "true")
                .containsEntry("mail.smtp.connectiontimeout", "1234")
                .containsEntry("mail.smtp.timeout", "1234")
                .containsEntry("mail.smtp.writetimeout", "1234")
                .containsEntry("mail.smtp.from", "bot@Example.COM")
                .containsEntry("mail.smtp.sendpartial", "false")
                .containsEntry("mail.smtp.ssl.trust", "smtp.example.com")
                .containsEntry("mail.smtp.ssl.checkserveridentity", "false")
                .doesNotContainKey("mail.smtp.ssl.enable");
        assertThat(properties.values()).doesNotContain("pw");
    }

    @Test
    void certificatesAreVerifiedByDefault() {
        Map<String, String> values = minimal();
        values.put("security", "ssl");

        var properties = SmtpSender.properties(read(values));

        assertThat(properties)
                .containsEntry("mail.smtp.ssl.enable", "true")
                .containsEntry("mail.smtp.ssl.checkserveridentity", "true")
                .doesNotContainKey("mail.smtp.ssl.trust");
    }

    @Test
    void everyKeyIsDocumentedInTheReadme() throws Exception {
        // Surefire runs in the module's folder.
        String text = Files.readString(Path.of("README.md"));

        for (String key : MailSettings.KEYS) {
            assertThat(text).as("README documents %s", key).contains("`basicflow.mail." + key + "`");
        }
    }
}
