package io.basicflow.app.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScriptModeTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "#workflow\nTALK 1",
                "#WORKFLOW\r\nTALK 1",
                "\uFEFF#workflow\nTALK 1",
                "' a comment first\nREM another\n// and another\n# and a hash comment\n\n   #workflow   \nTALK 1",
                "#workflow ' trailing comment\nTALK 1",
                "rem\n#Workflow\n"
            })
    void theFirstNonCommentLineDeclaresAWorkflow(String source) {
        assertThat(ScriptMode.declaredBy(source)).isEqualTo(ScriptMode.WORKFLOW);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "TALK 1\n#workflow",
                "",
                "' only a comment",
                "#workflows\nTALK 1",
                "#workflow TALK 1",
                "remark = 1\n#workflow"
            })
    void anythingElseIsDirect(String source) {
        assertThat(ScriptMode.declaredBy(source)).isEqualTo(ScriptMode.DIRECT);
    }

    @Test
    void theDefaultModeSettingDecidesScriptsWithoutThePragmaOnly() {
        assertThat(ScriptMode.ofDefaultSetting("durable")).isEqualTo(ScriptMode.WORKFLOW);
        assertThat(ScriptMode.ofDefaultSetting(" Direct ")).isEqualTo(ScriptMode.DIRECT);
        assertThatThrownBy(() -> ScriptMode.ofDefaultSetting("sometimes"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("basicflow.scripts.default-mode must be durable or direct, was 'sometimes'");

        assertThat(ScriptMode.DIRECT.under(ScriptMode.WORKFLOW)).isEqualTo(ScriptMode.WORKFLOW);
        assertThat(ScriptMode.DIRECT.under(ScriptMode.DIRECT)).isEqualTo(ScriptMode.DIRECT);
        assertThat(ScriptMode.WORKFLOW.under(ScriptMode.DIRECT)).isEqualTo(ScriptMode.WORKFLOW);
    }
}
