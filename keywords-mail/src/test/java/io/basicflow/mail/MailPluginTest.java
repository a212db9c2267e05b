package io.basicflow.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.spi.EffectKind;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.ParameterDefinition;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class MailPluginTest {

    @Test
    void isFoundByServiceLoader() {
        List<KeywordPlugin> plugins = ServiceLoader.load(KeywordPlugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .toList();

        assertThat(plugins).anySatisfy(plugin -> {
            assertThat(plugin).isInstanceOf(MailPlugin.class);
            assertThat(plugin.name()).isEqualTo("mail");
        });
    }

    @Test
    void declaresSendMailOnly() {
        MailPlugin plugin = new MailPlugin();

        assertThat(plugin.keywords()).hasSize(1);
        KeywordDefinition sendMail = plugin.keywords().getFirst();
        assertThat(sendMail.name()).isEqualTo("SEND MAIL");
        assertThat(sendMail.form()).isEqualTo(KeywordForm.STATEMENT);
        assertThat(sendMail.parameters())
                .extracting(ParameterDefinition::name)
                .containsExactly("to", "subject", "body", "attachments", "attachment", "account");
        // SEND MAIL admin, "Sync finished" is a mail with an empty body; the attachments (a fourth argument
        // or ATTACHMENT path) and USING "account" are optional.
        assertThat(sendMail.parameters())
                .extracting(ParameterDefinition::optional)
                .containsExactly(false, false, true, true, true, true);
        assertThat(sendMail.parameters().get(4).introducer()).contains("ATTACHMENT");
        assertThat(sendMail.parameters().get(5).introducer()).contains("USING");
        assertThat(sendMail.effect()).isEqualTo(EffectKind.IDEMPOTENT_EFFECT);
        assertThat(plugin.handler("SEND MAIL")).isPresent();
        assertThat(plugin.handler("SEND EMAIL")).isEmpty();
        assertThat(plugin.functions()).isEmpty();
        assertThat(plugin.inputTypes()).isEmpty();
    }

    @Test
    void retriesWithExponentialBackoffForAboutAMinute() {
        var retry = new MailPlugin().keywords().getFirst().retry();

        assertThat(retry.maxAttempts()).isEqualTo(7);
        assertThat(List.of(2, 3, 4, 5, 6, 7).stream().map(retry::backoffBefore))
                .containsExactly(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(8),
                        Duration.ofSeconds(16),
                        Duration.ofSeconds(32));
    }
}
