package io.basicflow.engine.direct;

import io.basicflow.engine.api.MessageExtras;
import io.basicflow.engine.interpreter.InputRequest;
import java.util.Optional;

/**
 * The user a direct run talks to: a terminal in the command line, a list of lines in tests. Messages
 * ({@code TALK}, prompts, "please try again") arrive through {@link #say}; a {@code HEAR} asks {@link
 * #listen}.
 */
public interface Conversation {

    /**
     * Shows a message to the user.
     *
     * @param text the message; may span several lines
     */
    void say(String text);

    /**
     * Shows a message that carries suggestions ({@code ADD SUGGESTION}) or a file ({@code SEND FILE}).
     * By default the suggestions are left out (as a channel without buttons does), a file is shown as
     * a line {@code [file: path]} after the text, and a message with no text and no file is not shown.
     *
     * @param text the message; empty for suggestions sent on their own
     * @param extras what it carries
     */
    default void say(String text, MessageExtras extras) {
        StringBuilder shown = new StringBuilder(text);
        extras.file()
                .ifPresent(file -> shown.append(text.isEmpty() ? "" : "\n")
                        .append("[file: ")
                        .append(file.path())
                        .append(']'));
        if (!shown.isEmpty() || extras.suggestions().isEmpty()) {
            say(shown.toString());
        }
    }

    /**
     * Delivers a {@code TALK TO} message to another recipient. By default it is shown to the user with
     * the recipient in front.
     *
     * @param recipient the address, e.g. {@code "whatsapp:+5511…"}
     * @param text the message
     */
    default void say(String recipient, String text) {
        say("[to " + recipient + "] " + text);
    }

    /**
     * Delivers a message that carries a file to another recipient ({@code SEND FILE TO}). By default it
     * is delivered as {@link #say(String, String)} with the line {@code [file: path]} after the text.
     *
     * @param recipient the address, e.g. {@code "whatsapp:+5511…"}
     * @param text the message (the file's caption), possibly empty
     * @param extras what it carries
     */
    default void say(String recipient, String text, MessageExtras extras) {
        say(
                recipient,
                extras.file()
                        .map(file -> text + (text.isEmpty() ? "" : "\n") + "[file: " + file.path() + "]")
                        .orElse(text));
    }

    /**
     * Waits for the user's next input.
     *
     * @param request what the {@code HEAR} waits for (its prompt was already said)
     * @return the input, or empty when the input has ended (end of file): the run then ends with
     *     {@link DirectOutcome.InputEnded}
     */
    Optional<String> listen(InputRequest request);

    /**
     * A conversation that shows nothing and has no input: a {@code HEAR} ends the run.
     *
     * @return the silent conversation
     */
    static Conversation silent() {
        return new Conversation() {
            @Override
            public void say(String text) {}

            @Override
            public Optional<String> listen(InputRequest request) {
                return Optional.empty();
            }
        };
    }
}
