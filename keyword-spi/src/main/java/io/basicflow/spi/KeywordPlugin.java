package io.basicflow.spi;

import java.util.List;
import java.util.Optional;

/**
 * The one entry point a keyword plugin implements. List the implementing class in {@code
 * META-INF/services/io.basicflow.spi.KeywordPlugin}; basicflow finds it with {@link
 * java.util.ServiceLoader}, and the compiler learns the plugin's keywords, functions and input types
 * from it. The class needs a public no-argument constructor.
 *
 * <p>A plugin that declares an invalid keyword, claims a keyword another plugin also claims, or has
 * no handler for one of its effect keywords stops the application from starting, with the jars
 * involved named in the error.
 */
public interface KeywordPlugin {

    /**
     * The plugin's name: lower case letters, digits and dashes. Its configuration is read from the
     * keys that start with {@code basicflow.<name>.}.
     *
     * @return the plugin name, e.g. {@code "mail"}
     */
    String name();

    /**
     * The keywords this plugin provides.
     *
     * @return keyword declarations, by default none
     */
    default List<KeywordDefinition> keywords() {
        return List.of();
    }

    /**
     * The handler that runs one of this plugin's keywords. Every keyword of {@link #keywords()} must
     * have one.
     *
     * @param keyword the keyword's name, as declared
     * @return the handler, or empty when this plugin has none for the keyword
     */
    default Optional<KeywordHandler> handler(String keyword) {
        return Optional.empty();
    }

    /**
     * The handler that runs one of this plugin's keywords inside a database transaction the engine
     * owns (see {@link TransactionalKeywordHandler}). When present, the engine runs the keyword with
     * it instead of {@link #handler(String)}: in the commit of its own step in a durable run, in a
     * transaction of its own in a direct run. The keyword still needs a {@link #handler(String)} for
     * engines that provide no database; it should fail there with a clear message.
     *
     * @param keyword the keyword's name, as declared
     * @return the transactional handler, or empty (the default) for an ordinary keyword
     */
    default Optional<TransactionalKeywordHandler> transactionalHandler(String keyword) {
        return Optional.empty();
    }

    /**
     * This plugin's keywords that are written as a block, like {@code TABLE name … END TABLE}: the
     * statement runs to a line {@code END <first word of the keyword>}, and the compiler passes it as
     * two text arguments, whatever the lines hold: the rest of the first line after the keyword (the
     * keyword's first parameter) and the lines in between, as a list of texts (its second). Such a
     * keyword declares exactly these two parameters.
     *
     * @return keyword names, by default none
     */
    default java.util.Set<String> blockKeywords() {
        return java.util.Set.of();
    }

    /**
     * How the compiler reads one of this plugin's keywords beyond the plain forms: {@code name AS
     * value} for its first two arguments, or General Bots' data clause shapes ({@link KeywordSyntax}).
     *
     * @param keyword the keyword's name, as declared
     * @return its syntax, by default {@link KeywordSyntax#PLAIN}
     */
    default KeywordSyntax syntax(String keyword) {
        return KeywordSyntax.PLAIN;
    }

    /**
     * How the compiler writes a call of one of this plugin's keywords as calls of other keywords, each
     * its own step (see {@link KeywordLowering}). A keyword with a lowering needs no handler: the engine
     * never runs it, only the keywords it is lowered to.
     *
     * @param keyword the keyword's name, as declared
     * @return its lowering, or empty (the default) for a keyword that runs as one step
     */
    default Optional<KeywordLowering> lowering(String keyword) {
        return Optional.empty();
    }

    /**
     * The lowering of one call, knowing which of the keyword's parameters the script wrote: for a
     * keyword whose forms differ by their arguments. The data plugin's {@code SET USER id} runs as
     * itself, while {@code SET USER "key", value} is lowered to {@code SET USER MEMORY "key", value}.
     * The compiler asks this for every call; the default is {@link #lowering(String)}, whatever was
     * written.
     *
     * @param keyword the keyword's name, as declared
     * @param written the names of the parameters the call gives a value (its left-out optional ones
     *     are missing)
     * @return the lowering of this call, or empty for a call that runs as one step
     */
    default Optional<KeywordLowering> lowering(String keyword, java.util.Set<String> written) {
        return lowering(keyword);
    }

    /**
     * What this plugin does when a bot's scripts are deployed, before any of their executions runs
     * (see {@link DeploymentHandler}): the data plugin creates the tables that {@code TABLE … END
     * TABLE} declares.
     *
     * @return the handler, or empty (the default) for a plugin with nothing to deploy
     */
    default Optional<DeploymentHandler> deploymentHandler() {
        return Optional.empty();
    }

    /**
     * Pure functions this plugin adds to expressions.
     *
     * @return function declarations with their implementations, by default none
     */
    default List<FunctionDefinition> functions() {
        return List.of();
    }

    /**
     * Input types this plugin adds to {@code HEAR x AS TYPE}.
     *
     * @return input type declarations with their validators, by default none
     */
    default List<InputTypeDefinition> inputTypes() {
        return List.of();
    }
    /**
     * What one of this plugin's keywords still needs from the configuration before it can run, so that
     * {@code basicflow check} and {@code basicflow run} can say so at the first call in a script
     * (naming its file, line and column) instead of the call failing when it is reached. Asked with
     * the plugin's own settings ({@code basicflow.<name>.*}) for every keyword a script calls; the
     * keyword's handler must still fail clearly on its own when run without them.
     *
     * @param keyword the keyword's name, as declared
     * @param configuration this plugin's settings
     * @return what to set, e.g. {@code "LLM needs basicflow.ai.base-url (the model's endpoint)"}, or
     *     empty (the default) when nothing is missing
     */
    default Optional<String> missingConfiguration(String keyword, PluginConfiguration configuration) {
        return Optional.empty();
    }

    /**
     * The plugin this one stands for. A plugin that wraps another only to add behaviour around its
     * handlers (the plugin test kit's recording of every call, a metrics wrapper) returns the wrapped
     * plugin's {@code origin()}, so that the catalogue recognises the built-in core behind it and names
     * the real class in its messages. Every other plugin is its own origin, the default.
     *
     * @return the plugin whose keywords this one declares
     */
    default KeywordPlugin origin() {
        return this;
    }
}
