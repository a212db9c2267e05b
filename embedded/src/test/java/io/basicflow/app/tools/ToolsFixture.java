package io.basicflow.app.tools;

import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.engine.durable.ChildScripts;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.tools.ToolFolder;
import io.basicflow.tools.ToolsPlugin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A tools folder with our tool scripts, the tools plugin and the {@link ToolFolderChildScripts} on
 * it, assembled as the app does, and a test kit with them on the durable engine.
 */
public final class ToolsFixture {

    /** Asks the user about a topic and returns the answer in capitals. */
    public static final String ASK = """
            PARAM topic AS STRING LIKE "printers" DESCRIPTION "What to ask about"
            DESCRIPTION "Asks the user for details about a topic"
            TALK "Tell me about " + topic
            HEAR detail
            RETURN UPPER(detail)
            """;

    /** Repeats a word; its count must be an integer. */
    public static final String REPEAT = """
            PARAM word AS STRING DESCRIPTION "The word"
            PARAM count AS INTEGER DESCRIPTION "How often"
            PARAM separator AS STRING DESCRIPTION "Between the words" OPTIONAL
            DESCRIPTION "Repeats a word"
            sep = IIF(ISEMPTY(separator), " ", separator)
            out = word
            FOR i = 2 TO count
                out = out + sep + word
            NEXT i
            RETURN out
            """;

    /** Shouts its text through an effect keyword. */
    public static final String LOUD = """
            PARAM text AS STRING DESCRIPTION "What to shout"
            DESCRIPTION "Shouts"
            r = SHOUT(text)
            RETURN r
            """;

    final Path folder;
    final ToolFolder tools;
    final ToolsPlugin toolsPlugin;
    final ShoutPlugin shout = new ShoutPlugin();
    final ScriptService compiler;

    /**
     * Writes the tool scripts into a folder and assembles the tools on it.
     *
     * @param folder an empty folder
     */
    public ToolsFixture(Path folder) {
        this.folder = folder;
        try {
            Files.writeString(folder.resolve("ask.bas"), ASK);
            Files.writeString(folder.resolve("repeat.bas"), REPEAT);
            Files.createDirectories(folder.resolve("support"));
            Files.writeString(folder.resolve("support/Create-Ticket.bas"), LOUD.replace("Shouts", "Opens a ticket"));
            Files.writeString(folder.resolve("loud.bas"), LOUD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AtomicReference<ScriptService> lazy = new AtomicReference<>();
        this.tools = new ToolFolder(folder, new CompilerToolCompiler(lazy::get));
        this.toolsPlugin = new ToolsPlugin(tools);
        this.compiler = new ScriptService(KeywordCatalogue.of(new CorePlugin(), toolsPlugin, shout));
        lazy.set(compiler);
    }

    /** The tools folder. */
    public ToolFolder tools() {
        return tools;
    }

    /** The compiler with the core, tools and shout plugins. */
    public ScriptService compiler() {
        return compiler;
    }

    /** A test kit with the tools and shout plugins and the tools folder for children. */
    public BasicflowTestKit kit() {
        return BasicflowTestKit.withPlugins(toolsPlugin, shout)
                .children(new ToolFolderChildScripts(tools, ChildScripts.NONE));
    }
}
