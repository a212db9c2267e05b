package io.basicflow.app.cli;

import io.basicflow.engine.api.MessageExtras;
import io.basicflow.engine.direct.Conversation;
import io.basicflow.engine.interpreter.InputRequest;
import io.basicflow.spi.Suggestion;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The terminal as the other side of a conversation: TALK lines are printed, HEAR reads one line. When
 * the input is a terminal, a {@code > } marker shows that the script is waiting.
 *
 * <p>A message's suggestions ({@code ADD SUGGESTION}) are printed as numbered choices, {@code  [1]
 * Yes}; typing a choice's number sends its reply, anything else is sent as typed. A sent file ({@code
 * SEND FILE}) is printed as {@code [file: path]}.
 */
final class TerminalConversation implements Conversation {

    private final BufferedReader input;
    private final PrintStream output;
    private final boolean interactive;
    /** The suggestions of the last message, which a typed number picks from. */
    private List<Suggestion> choices = List.of();

    TerminalConversation(BufferedReader input, PrintStream output, boolean interactive) {
        this.input = input;
        this.output = output;
        this.interactive = interactive;
    }

    @Override
    public void say(String text) {
        choices = List.of();
        output.println(text);
        output.flush();
    }

    @Override
    public void say(String text, MessageExtras extras) {
        if (!text.isEmpty()) {
            output.println(text);
        }
        extras.file().ifPresent(file -> output.println("[file: " + file.path() + "]"));
        choices = extras.suggestions();
        for (int i = 0; i < choices.size(); i++) {
            output.println("  [" + (i + 1) + "] " + choices.get(i).text());
        }
        output.flush();
    }

    @Override
    public void say(String recipient, String text) {
        output.println("[to " + recipient + "] " + text);
        output.flush();
    }

    @Override
    public Optional<String> listen(InputRequest request) {
        if (interactive) {
            output.print("> ");
            output.flush();
        }
        try {
            return Optional.ofNullable(input.readLine()).map(this::choice);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the terminal", e);
        }
    }

    /** A typed number of a choice on screen is that choice's reply; other input is sent as typed. */
    private String choice(String typed) {
        String trimmed = typed.trim();
        if (!choices.isEmpty() && trimmed.matches("[1-9][0-9]{0,3}")) {
            int number = Integer.parseInt(trimmed);
            if (number <= choices.size()) {
                return choices.get(number - 1).reply();
            }
        }
        return typed;
    }
}
