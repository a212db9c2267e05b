package io.basicflow.app.scripts;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.direct.ScriptResolver;
import io.basicflow.engine.state.ChildRequest;
import java.util.Optional;

/**
 * Child scripts ({@code CALL "x.bas"}, {@code r = USE TOOL "x", …}) from a {@link ScriptLibrary}:
 * the name is taken relative to the folder of the parent's script <em>name</em>, so a script of a
 * bot ({@code support/start.bas}) calls the scripts of its own bot folder ({@code CALL "refund.bas"}
 * is {@code support/refund.bas}, on disk {@code support.gbai/support.gbdialog/refund.bas}). A
 * name starting with {@code /} is taken from the library's root instead: {@code /sales/start.bas}
 * is another bot's entry (what {@code BOT "sales"} runs, see {@link
 * io.basicflow.engine.api.BotNames#entryScript}).
 */
public final class LibraryScriptResolver implements ScriptResolver {

    private final ScriptLibrary library;

    /**
     * A resolver over a library.
     *
     * @param library where the scripts are
     */
    public LibraryScriptResolver(ScriptLibrary library) {
        this.library = requireNonNull(library, "library is null");
    }

    /**
     * The name a child request resolves to.
     *
     * @param request the child
     * @return the child's script name, relative to the parent's folder (or to the root for a name
     *     starting with {@code /}), with {@code .bas}
     */
    public static String childName(ChildRequest request) {
        if (request.script().startsWith("/")) {
            String name = request.script().substring(1);
            return name.endsWith(FolderScriptLibrary.EXTENSION) ? name : name + FolderScriptLibrary.EXTENSION;
        }
        String parent = request.parentScript();
        int slash = parent.lastIndexOf('/');
        String folder = slash < 0 ? "" : parent.substring(0, slash + 1);
        String name = request.script().endsWith(FolderScriptLibrary.EXTENSION)
                ? request.script()
                : request.script() + FolderScriptLibrary.EXTENSION;
        return folder + name;
    }

    @Override
    public Optional<Script> resolve(ChildRequest request) {
        String name = childName(request);
        ScriptSource source;
        try {
            source = library.load(name);
        } catch (ScriptNotFoundException e) {
            return Optional.empty();
        } catch (ScriptLibraryException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return Optional.of(new Script(source.info().name(), source.source()));
    }
}
