package io.basicflow.app.cli;

import io.basicflow.engine.direct.Conversation;
import io.basicflow.engine.interpreter.InputRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The terminal as the other side of a conversation: TALK lines are printed, HEAR reads one line. When
 * the input is a terminal, a {@code > } marker shows that the script is waiting.
 */
final class TerminalConversation implements Conversation {

    private final BufferedReader input;
    private final PrintStream output;
    private final boolean interactive;

    TerminalConversation(BufferedReader input, PrintStream output, boolean interactive) {
        this.input = input;
        this.output = output;
        this.interactive = interactive;
    }

    @Override
    public void say(String text) {
        output.println(text);
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
            return Optional.ofNullable(input.readLine());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the terminal", e);
        }
    }
}
