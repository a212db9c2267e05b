package io.basicflow.engine.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.basicflow.spi.Suggestion;
import java.util.List;
import java.util.Optional;

/**
 * What a message carries besides its text: the quick replies in force when it was sent ({@code ADD
 * SUGGESTION}) and a file reference ({@code SEND FILE}). A channel that knows neither shows the text
 * alone.
 *
 * @param suggestions the quick replies, in order; empty when none
 * @param file the file the message sends, if any
 */
public record MessageExtras(List<Suggestion> suggestions, Optional<SentFile> file) {

    /** A message with nothing but its text. */
    public static final MessageExtras NONE = new MessageExtras(List.of(), Optional.empty());

    /**
     * Validates the parts; a missing part (an older event's JSON) reads as none.
     *
     * @param suggestions the suggestions
     * @param file the file
     */
    public MessageExtras {
        suggestions = suggestions == null ? List.of() : List.copyOf(suggestions);
        file = file == null ? Optional.empty() : file;
    }

    /**
     * Whether the message carries nothing besides its text.
     *
     * @return true when there are no suggestions and no file
     */
    @JsonIgnore
    public boolean isEmpty() {
        return suggestions.isEmpty() && file.isEmpty();
    }

    /**
     * A file sent to the user.
     *
     * @param path its path relative to the bot's storage, with {@code /} between folders
     * @param caption the text shown with it, if any
     */
    public record SentFile(String path, Optional<String> caption) {
        /**
         * Validates the parts.
         *
         * @param path not null
         * @param caption not null
         */
        public SentFile {
            requireNonNull(path, "path is null");
            caption = caption == null ? Optional.empty() : caption;
        }
    }
}
