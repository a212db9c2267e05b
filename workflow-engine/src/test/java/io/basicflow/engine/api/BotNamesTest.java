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
        assertThat(BotNames.botOf("/home/ana/bots/start.bas")).isEmpty();
        assertThat(BotNames.botOf("C:/bots/start.bas")).isEmpty();
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
