package io.basicflow.compiler.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.spi.FunctionDefinition;
import io.basicflow.spi.InputTypeDefinition;
import io.basicflow.spi.KeywordPlugin;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CorePluginTest {

    @Test
    void isFoundByServiceLoader() {
        List<KeywordPlugin> plugins = new ArrayList<>();
        ServiceLoader.load(KeywordPlugin.class).forEach(plugins::add);
        assertThat(plugins).anySatisfy(plugin -> {
            assertThat(plugin).isInstanceOf(CorePlugin.class);
            assertThat(plugin.name()).isEqualTo("core");
        });
    }

    @Test
    void providesEveryFunctionTheLanguageRequires() {
        Set<String> names = new HashSet<>();
        new CorePlugin().functions().forEach(function -> names.add(function.name()));
        assertThat(names)
                .contains(
                        "LEN",
                        "UPPER",
                        "LOWER",
                        "TRIM",
                        "LEFT",
                        "RIGHT",
                        "MID",
                        "INSTR",
                        "REPLACE",
                        "SPLIT",
                        "JOIN",
                        "CONTAINS",
                        "STARTSWITH",
                        "VAL",
                        "STR",
                        "INT",
                        "ROUND",
                        "ABS",
                        "MIN",
                        "MAX",
                        "IIF",
                        "ISEMPTY",
                        "ISNULL",
                        "UBOUND",
                        "FORMAT",
                        "NOW",
                        "TODAY",
                        "DATEADD",
                        "DATEDIFF",
                        "RANDOM",
                        "UUID");
    }

    @Test
    void namesAreUniqueAndDescribed() {
        Set<String> names = new HashSet<>();
        for (FunctionDefinition function : new CorePlugin().functions()) {
            assertThat(names.add(function.name()))
                    .as("%s declared once", function.name())
                    .isTrue();
            assertThat(function.description()).as(function.name()).isNotBlank();
        }
        Set<String> typeNames = new HashSet<>();
        for (InputTypeDefinition type : new CorePlugin().inputTypes()) {
            assertThat(typeNames.add(type.name())).isTrue();
            for (String alias : type.aliases()) {
                assertThat(typeNames.add(alias)).as("%s declared once", alias).isTrue();
            }
            assertThat(type.description()).isNotBlank();
        }
    }

    @Test
    void declaresNoKeywords() {
        assertThat(new CorePlugin().keywords()).isEmpty();
    }
}
