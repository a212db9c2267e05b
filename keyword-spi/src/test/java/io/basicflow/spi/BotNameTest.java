package io.basicflow.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BotNameTest {

    @Test
    void aGbaiFolderAnywhereInThePathNamesTheBot() {
        assertThat(BotName.of("shop.gbai/shop.gbdialog/start.bas")).contains("shop");
        assertThat(BotName.of("/srv/bots/crm.gbai/crm.gbdialog/start.bas")).contains("crm");
        assertThat(BotName.of("legal/hipaa-medical.gbai/hipaa.gbdialog/start.bas"))
                .contains("hipaa-medical");
        assertThat(BotName.of("C:\\bots\\Shop.GBAI\\start.bas")).contains("Shop");
        assertThat(BotName.of("/srv/faq.gbdialog/start.bas")).contains("faq");
    }

    @Test
    void aRelativeNameBelongsToItsFirstFolderAndAnAbsoluteFileToItsOwnFolder() {
        assertThat(BotName.of("support/start.bas")).contains("support");
        assertThat(BotName.of("support/tools/refund.bas")).contains("support");
        assertThat(BotName.of("/home/ana/shop/start.bas")).contains("shop");
        assertThat(BotName.of("C:/bots/shop/start.bas")).contains("shop");
    }

    @Test
    void theNameKeepsItsCaseSoTheLibraryAndTheDataAgree() {
        assertThat(BotName.of("Shop/start.bas")).contains("Shop");
        assertThat(ExecutionScope.botOf("Shop/start.bas")).isEqualTo("Shop");
        assertThat(BotName.of(BotName.entryScript("Shop"))).contains("Shop");
    }

    @Test
    void aScriptWithoutAFolderBelongsToNoBot() {
        assertThat(BotName.of("hello.bas")).isEmpty();
        assertThat(BotName.of("/hello.bas")).isEmpty();
        assertThat(BotName.of("")).isEmpty();
        assertThat(ExecutionScope.botOf("hello.bas")).isEqualTo(ExecutionScope.DEFAULT_BOT);
    }

    @Test
    void aBotsEntryIsItsStartScriptInEitherLayout() {
        assertThat(BotName.entryScript("billing")).isEqualTo("billing/start.bas");
        assertThat(BotName.entryFiles("billing"))
                .containsExactly("billing.gbai/billing.gbdialog/start.bas", "billing/start.bas");
        for (String bad : new String[] {"a/b", "a\\b", "..", ".hidden", "billing.gbai", " ", "x\ny"}) {
            assertThat(BotName.isBotName(bad)).as(bad).isFalse();
            assertThatThrownBy(() -> BotName.entryFiles(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a bot name");
        }
    }

    @Test
    void generalBotsFolderNamesStandForTheirBot() {
        assertThat(BotName.ofFolder("support.gbai")).contains("support");
        assertThat(BotName.ofFolder("hipaa.gbdialog")).contains("hipaa");
        assertThat(BotName.ofFolder(".gbai")).isEmpty();
        assertThat(BotName.ofFolder("support")).isEmpty();
    }
}
