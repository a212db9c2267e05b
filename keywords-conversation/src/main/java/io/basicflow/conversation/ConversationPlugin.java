package io.basicflow.conversation;

import io.basicflow.spi.EffectKind;
import io.basicflow.spi.InputTypeDefinition;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.RetryPolicy;
import io.basicflow.spi.value.Value;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;

/**
 * {@code PRINT value} and {@code LOG value}: a line for the people who run the bot, not for its
 * user. The line goes to the log ({@code basicflow.plugin.conversation}, with the execution's id)
 * and, in a durable run, into the execution's history as the argument of the step's {@code
 * EffectStarted} event, where {@code basicflow show} and the HTTP API's history show it. Nothing is
 * sent to the conversation.
 *
 * <p>Also the conversation's own keywords: {@code ADD SUGGESTION} and {@code CLEAR SUGGESTIONS} (see
 * {@link SuggestionKeywords}), {@code SEND FILE} (see {@link SendFileKeyword}) and {@code GENERATE CODE}
 * (see {@link VerificationCodeKeyword}).
 *
 * <p>General Bots makes {@code PRINT} an alias of {@code TALK}; basicflow follows the issue that
 * asked for it (a debugging line that the user does not see) and says so in its documentation.
 */
public final class ConversationPlugin implements KeywordPlugin {

    private static final KeywordDefinition PRINT = line("PRINT", Level.INFO);
    private static final KeywordDefinition LOG = line("LOG", Level.INFO);

    private static KeywordDefinition line(String name, Level level) {
        return KeywordDefinition.builder(name)
                .form(KeywordForm.STATEMENT)
                .parameter(ParameterDefinition.required("value", "what to write: any value, shown as TALK shows it"))
                // An effect, so that the line is recorded in the history with the step's start; writing a
                // log line cannot fail in a way a retry would mend.
                .effect(EffectKind.IDEMPOTENT_EFFECT)
                .retry(RetryPolicy.NONE)
                .description("Writes a line to the execution's history and the log (" + level + "), not to the user.")
                .build();
    }

    /** Creates the plugin; {@link java.util.ServiceLoader} calls this. */
    public ConversationPlugin() {}

    @Override
    public String name() {
        return "conversation";
    }

    @Override
    public List<KeywordDefinition> keywords() {
        return List.of(
                PRINT,
                LOG,
                SuggestionKeywords.ADD,
                SuggestionKeywords.CLEAR,
                SendFileKeyword.SEND_FILE,
                VerificationCodeKeyword.GENERATE_CODE);
    }

    /**
     * CPF, CNPJ, CREDITCARD, PASSWORD, COLOR and LANGUAGE for {@code HEAR x AS TYPE} ({@link
     * ReferenceInputTypes}), and FILE, an uploaded file ({@link FileInputType}).
     */
    @Override
    public List<InputTypeDefinition> inputTypes() {
        List<InputTypeDefinition> types = new java.util.ArrayList<>(ReferenceInputTypes.definitions());
        types.add(FileInputType.definition());
        return List.copyOf(types);
    }

    @Override
    public Optional<KeywordHandler> handler(String keyword) {
        return switch (keyword) {
            case "PRINT", "LOG" -> Optional.of(ConversationPlugin::write);
            case "ADD SUGGESTION" -> Optional.of(SuggestionKeywords::add);
            case "CLEAR SUGGESTIONS" -> Optional.of(SuggestionKeywords::clear);
            case "SEND FILE" -> Optional.of(SendFileKeyword::send);
            case "GENERATE CODE" -> Optional.of(VerificationCodeKeyword::generate);
            default -> Optional.empty();
        };
    }

    private static Value write(Invocation invocation) {
        String text = invocation.argument("value").display();
        invocation
                .context()
                .logger()
                .log(Level.INFO, "{0} {1}: {2}", invocation.keyword(), invocation.executionId(), text);
        return Value.nullValue();
    }
}
