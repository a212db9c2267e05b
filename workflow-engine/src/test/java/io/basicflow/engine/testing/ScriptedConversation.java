package io.basicflow.engine.testing;

import io.basicflow.engine.direct.Conversation;
import io.basicflow.engine.interpreter.InputRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** A conversation fed from a list of input lines that writes a transcript. */
public final class ScriptedConversation implements Conversation {

    private final Deque<String> inputs;
    private final List<String> transcript = new ArrayList<>();

    public ScriptedConversation(List<String> inputs) {
        this.inputs = new ArrayDeque<>(inputs);
    }

    @Override
    public void say(String text) {
        transcript.addAll(text.lines().toList());
        if (text.isEmpty()) {
            transcript.add("");
        }
    }

    @Override
    public void say(String recipient, String text) {
        say("[to " + recipient + "] " + text);
    }

    @Override
    public Optional<String> listen(InputRequest request) {
        if (inputs.isEmpty()) {
            return Optional.empty();
        }
        String input = inputs.removeFirst();
        transcript.add("> " + input);
        return Optional.of(input);
    }

    /** Adds a line that is not a message (a sleep, the result). */
    public void note(String line) {
        transcript.add(line);
    }

    public List<String> transcript() {
        return transcript;
    }

    public int remainingInputs() {
        return inputs.size();
    }
}
