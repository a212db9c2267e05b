package io.basicflow.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's configuration reference is exactly the table of {@link Setting}. */
class ConfigurationReferenceTest {

    private static final String START =
            "<!-- settings: generated from io.basicflow.app.config.Setting; ConfigurationReferenceTest keeps it in step -->\n";
    private static final String END = "<!-- end settings -->";

    @Test
    void theReadmeListsEverySettingWithItsDefault() throws IOException {
        Path readme = Path.of(System.getProperty("basicflow.root", ".."), "README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        assertThat(start).as("the README has the settings markers").isNotNegative();
        assertThat(end).isGreaterThan(start);
        String table = text.substring(start + START.length(), end);
        assertThat(table)
                .as("README.md's configuration table; replace it with this one:%n%s", Setting.markdownTable())
                .isEqualTo(Setting.markdownTable());
    }
}
