package io.basicflow.spi;

import static java.util.Objects.requireNonNull;

/**
 * A quick reply offered to the user with the conversation's next messages ({@code ADD SUGGESTION}):
 * a channel shows {@link #text} as a button and, when the user picks it, sends {@link #reply} as
 * the user's input. A channel that has no buttons ignores it.
 *
 * @param text what the button shows
 * @param reply what picking it sends as input; the text itself when the script gave no other
 */
public record Suggestion(String text, String reply) {

    /**
     * Validates the parts.
     *
     * @param text not null
     * @param reply not null
     */
    public Suggestion {
        requireNonNull(text, "text is null");
        requireNonNull(reply, "reply is null");
    }

    /**
     * A suggestion whose reply is its text.
     *
     * @param text what the button shows and sends
     * @return the suggestion
     */
    public static Suggestion of(String text) {
        return new Suggestion(text, text);
    }
}
