package io.basicflow.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BotNamesTest {

    @Test
    void theFirstSegmentOfARelativeNameIsItsBot() {
        assertThat(BotNames.botOf("support/start.bas")).contains("support");
        assertThat(BotNames.botOf("support/tools/refund.bas")).contains("support");
        assertThat(BotNames.botOf("ticket.bas")).isEmpty();
        assertThat(BotNames.botOf("/start.bas")).isEmpty();
        // the one rule of the SPI: the same bot for the library and for bot data
        assertThat(BotNames.botOf("/home/ana/bots/start.bas")).contains("bots");
        assertThat(BotNames.botOf("shop.gbai/shop.gbdialog/start.bas")).contains("shop");
        assertThat(BotNames.botOf("Shop/start.bas").orElseThrow())
                .isEqualTo(io.basicflow.spi.ExecutionScope.botOf("Shop/start.bas"));
    }

    @Test
    void aBotStartsWithItsStartScript() {
        assertThat(BotNames.entryScript("support")).isEqualTo("support/start.bas");
        assertThat(BotNames.botOf(BotNames.entryScript("support"))).contains("support");
        assertThatThrownBy(() -> BotNames.entryScript("a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BotNames.entryScript("..")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void generalBotsFolderNamesStandForTheirBot() {
        assertThat(BotNames.botOfFolder("support.gbai")).contains("support");
        assertThat(BotNames.botOfFolder("hipaa.gbdialog")).contains("hipaa");
        assertThat(BotNames.botOfFolder(".gbai")).isEmpty();
        assertThat(BotNames.botOfFolder("support")).isEmpty();
    }
}
