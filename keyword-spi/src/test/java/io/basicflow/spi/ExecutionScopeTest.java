package io.basicflow.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExecutionScopeTest {

    @Test
    void theBotIsTheScriptsFirstFolderOrItsGbaiFolder() {
        assertThat(ExecutionScope.botOf("support/start.bas")).isEqualTo("support");
        assertThat(ExecutionScope.botOf("Support/tools/lookup")).isEqualTo("Support");
        assertThat(ExecutionScope.botOf("shop.gbai/shop.gbdialog/start.bas")).isEqualTo("shop");
        assertThat(ExecutionScope.botOf("/srv/bots/crm.gbai/crm.gbdialog/start.bas"))
                .isEqualTo("crm");
        assertThat(ExecutionScope.botOf("/home/ana/shop/start.bas")).isEqualTo("shop");
        assertThat(ExecutionScope.botOf("hello.bas")).isEqualTo(ExecutionScope.DEFAULT_BOT);
        assertThat(ExecutionScope.botOf("/hello.bas")).isEqualTo(ExecutionScope.DEFAULT_BOT);
    }
}
