package io.basicflow.app.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.app.scripts.CompilerScriptChecker;
import io.basicflow.app.scripts.FolderScriptLibrary;
import io.basicflow.app.tools.CompilerToolCompiler;
import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.engine.durable.ChildScriptException;
import io.basicflow.engine.durable.ChildScripts;
import io.basicflow.engine.state.ChildRequest;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.tools.ToolCompiler;
import io.basicflow.tools.ToolFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a durable node finds the children of a bot's scripts: its own folder first. */
class BotChildrenTest {

    @TempDir
    Path folder;

    ChildScripts children;

    @BeforeEach
    void node() throws IOException {
        Path scripts = folder.resolve("scripts");
        write(scripts.resolve("shop.gbai/shop.gbdialog/start.bas"), "total = USE TOOL \"price\", 4\n");
        write(scripts.resolve("shop.gbai/shop.gbdialog/price.bas"), "PARAM count AS INTEGER\nRETURN count * 3\n");
        write(scripts.resolve("shop.gbai/shop.gbdialog/hours.bas"), "TALK \"nine\"\n");
        write(folder.resolve("tools/weather.bas"), "PARAM city AS STRING\nRETURN \"sunny in \" + city\n");
        ScriptService compiler = new ScriptService(KeywordCatalogue.of(new CorePlugin()));
        ToolCompiler toolCompiler = new CompilerToolCompiler(() -> compiler);
        children = BasicflowNode.children(
                scripts,
                new FolderScriptLibrary(scripts, new CompilerScriptChecker(compiler)),
                new ToolFolder(folder.resolve("tools"), toolCompiler),
                toolCompiler);
    }

    private static void write(Path file, String source) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
    }

    private static ChildRequest tool(String name, String parent, Object... arguments) {
        return new ChildRequest(
                ChildRequest.Kind.TOOL,
                name,
                parent,
                java.util.Arrays.stream(arguments)
                        .map(a -> a instanceof Integer i ? IntegerValue.of(i) : new TextValue(a.toString()))
                        .map(io.basicflow.spi.value.Value.class::cast)
                        .toList());
    }

    @Test
    void aBotsToolRunsFromItsOwnFolderUnderItsBotName() {
        ChildScripts.PreparedChild price = children.prepare(tool("price", "shop/start.bas", "4"));

        assertThat(price.scriptName()).isEqualTo("shop/price.bas");
        assertThat(price.variables()).hasValueSatisfying(v -> assertThat(v).containsEntry("count", IntegerValue.of(4)));
    }

    @Test
    void aToolTheBotDoesNotHoldComesFromTheToolsFolder() {
        ChildScripts.PreparedChild weather = children.prepare(tool("weather", "shop/start.bas", "Lisbon"));

        assertThat(weather.scriptName()).isEqualTo("weather.bas");
        assertThat(weather.source()).contains("sunny in");
    }

    @Test
    void aBotToolsArgumentsAreCheckedAndAScriptOutsideTheBotDoesNotSeeItsTools() {
        assertThatThrownBy(() -> children.prepare(tool("price", "shop/start.bas", "many")))
                .isInstanceOf(ChildScriptException.class)
                .hasMessageContaining("count")
                .hasMessageContaining("many");
        assertThatThrownBy(() -> children.prepare(tool("price", "ticket.bas", 4)))
                .isInstanceOf(ChildScriptException.class);
    }

    @Test
    void aBotsCallResolvesInItsOwnFolder() {
        ChildScripts.PreparedChild hours =
                children.prepare(new ChildRequest(ChildRequest.Kind.SCRIPT, "hours.bas", "shop/start.bas", List.of()));

        assertThat(hours.scriptName()).isEqualTo("shop/hours.bas");
        assertThat(hours.source()).isEqualTo("TALK \"nine\"\n");
    }
}
