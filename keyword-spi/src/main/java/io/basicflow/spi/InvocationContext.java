package io.basicflow.spi;

import io.basicflow.spi.value.Value;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** What a handler may use besides its arguments. */
public interface InvocationContext {

    /**
     * A logger named after the plugin.
     *
     * @return the logger
     */
    System.Logger logger();

    /**
     * The engine's clock; use it instead of the system clock so that tests can control time.
     *
     * @return the clock
     */
    Clock clock();

    /**
     * This plugin's configuration.
     *
     * @return the configuration
     */
    PluginConfiguration configuration();

    /**
     * A value this plugin keeps for the running execution, set by an earlier step of the same
     * execution with {@link #setExecutionValue}. The engine keeps it with the execution's variables
     * (under a name no script can write, {@code $<plugin>.<key>}), so it survives a crash and a
     * resumption on another node exactly like a variable. Examples: the system prompt of {@code BEGIN
     * SYSTEM PROMPT}, the knowledge bases of {@code USE KB}.
     *
     * @param key lower case letters, digits, dots, dashes and underscores
     * @return the value, empty when never set, or when this context belongs to no execution
     */
    default Optional<Value> executionValue(String key) {
        return Optional.empty();
    }

    /**
     * A value another plugin keeps for the running execution (its {@link #executionValue}), read only:
     * how one plugin uses what another one's keyword set earlier in the same execution, without
     * depending on that plugin. The keeping plugin documents its keys; {@code LLM} reads the text of
     * {@code SET CONTEXT "text"} this way ({@code executionValueOf("data", "context")}).
     *
     * @param plugin the other plugin's name
     * @param key its key: lower case letters, digits, dots, dashes and underscores
     * @return the value, empty when never set, or when this context belongs to no execution (the default)
     */
    default Optional<Value> executionValueOf(String plugin, String key) {
        return Optional.empty();
    }

    /**
     * Keeps a value for the running execution (see {@link #executionValue}). It is recorded with the
     * step that sets it: a step that fails leaves the value as it was before the step only when the
     * handler sets it last, so set it after the work that can fail.
     *
     * @param key lower case letters, digits, dots, dashes and underscores
     * @param value the value; {@code NULL} forgets it
     * @throws UnsupportedOperationException when this context belongs to no execution (a unit test's
     *     hand-written context, for instance)
     */
    default void setExecutionValue(String key, Value value) {
        throw new UnsupportedOperationException("this context keeps no values per execution");
    }

    /**
     * The tools the running execution has made active with {@code USE TOOL} or {@code ADD TOOL}, in
     * the order they were added, as the tools folder spells them.
     *
     * @return the active tool names; empty when none, or when this context belongs to no execution
     */
    default List<String> activeTools() {
        return List.of();
    }

    /**
     * The JSON Schema of one of the running execution's active tools, as the tools plugin gives it
     * for {@code USE TOOL} (an MCP {@code tools/list} entry: {@code name}, {@code description},
     * {@code inputSchema} with {@code properties} in {@code PARAM} order and {@code required}).
     *
     * @param tool the tool's name, as {@link #activeTools()} spells it
     * @return the schema; empty when no tools plugin is installed or this context belongs to no
     *     execution
     * @throws KeywordException when the tool cannot be read (removed, no longer compiles)
     */
    default Optional<Value> toolSchema(String tool) throws KeywordException {
        return Optional.empty();
    }

    /**
     * Who the running step works for: its script, bot, user and conversation. File keywords keep
     * each bot's files apart with it, the way data keywords keep its tables apart.
     *
     * @return the scope, empty when this context belongs to no execution
     */
    default Optional<ExecutionScope> scope() {
        return Optional.empty();
    }

    /**
     * Another plugin's settings ({@code basicflow.<plugin>.*} without the prefix), for a plugin that
     * delegates part of its work to a library of another plugin and must configure it the same way:
     * {@code GET "path"} of the HTTP plugin reads a file the way the files plugin, configured by
     * {@code basicflow.files.*}, does.
     *
     * @param plugin the other plugin's name, e.g. {@code "files"}
     * @return its settings; empty when none are known
     */
    default PluginConfiguration configurationOf(String plugin) {
        return PluginConfiguration.empty(plugin);
    }

    /**
     * The suggestions in force for the running execution ({@code ADD SUGGESTION}): every message the
     * execution sends to its user carries them until they are replaced or cleared. The engine keeps
     * them with the execution's state, so a resumed run still offers them.
     *
     * @return the suggestions in the order they were added; empty when none, or when this context
     *     belongs to no execution
     */
    default List<Suggestion> suggestions() {
        return List.of();
    }

    /**
     * Replaces the suggestions in force (see {@link #suggestions}); an empty list clears them. Like
     * {@link #setExecutionValue}, the change is recorded with the step.
     *
     * @param suggestions the new suggestions, in order
     * @throws UnsupportedOperationException when this context belongs to no execution
     */
    default void setSuggestions(List<Suggestion> suggestions) {
        throw new UnsupportedOperationException("this context keeps no suggestions");
    }

    /**
     * Sends the conversation's user a message carrying a file reference ({@code SEND FILE}): a path
     * in the bot's storage, which the channel resolves, and an optional caption. The message is sent
     * as the step's own outcome, exactly like a {@code TALK}; only a {@link EffectKind#PURE} keyword
     * may send one.
     *
     * @param path the file's path, relative to the bot's storage; the caller checked it
     * @param caption the text shown with the file, if any
     * @throws UnsupportedOperationException when this context cannot send messages (an effect
     *     keyword's, or one that belongs to no execution)
     */
    default void sendFile(String path, Optional<String> caption) {
        throw new UnsupportedOperationException("this context cannot send messages");
    }

    /**
     * Sends a file reference to another recipient than the conversation's user ({@code SEND FILE TO
     * "whatsapp:+55…", path, caption}), as {@code TALK TO} addresses a message: the recipient is
     * recorded with the message for the channel that delivers it.
     *
     * @param recipient the recipient, as {@code TALK TO} takes it
     * @param path the file's path, relative to the bot's storage; the caller checked it
     * @param caption the text shown with the file, if any
     * @throws UnsupportedOperationException when this context cannot send messages
     */
    default void sendFile(String recipient, String path, Optional<String> caption) {
        throw new UnsupportedOperationException("this context cannot send messages to a recipient");
    }
}
