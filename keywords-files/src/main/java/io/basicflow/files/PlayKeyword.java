package io.basicflow.files;

import io.basicflow.spi.EffectKind;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.RetryPolicy;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code PLAY file_or_url [WITH OPTIONS "autoplay,loop"]}: sends the user the media as a message that
 * carries it, the way General Bots' messaging channels play it (a video, an image or a document sent
 * as an attachment, a URL sent as a link). The message is {@code SEND FILE}'s: its file is the path in
 * the bot's storage, or the {@code http(s)} URL itself. A path that names no file of the storage fails
 * the step ({@code FILE_NOT_FOUND}), so a script learns it at once rather than its user later.
 *
 * <p>The options are the page's player hints; they are checked (an unknown option fails the step,
 * naming the known ones) but basicflow's channels have no player, so the message does not carry them,
 * as a messaging channel does not in General Bots.
 */
final class PlayKeyword {

    /** The options keyword-play.md lists. */
    static final Set<String> OPTIONS = Set.of("autoplay", "loop", "fullscreen", "muted", "controls", "nocontrols");

    private static final Pattern OPTIONS_CLAUSE = Pattern.compile("(?is)\\s*OPTIONS\\s+\"([^\"]*)\"\\s*");

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");

    static final KeywordDefinition DEFINITION = KeywordDefinition.builder("PLAY")
            .form(KeywordForm.STATEMENT)
            .parameter(ParameterDefinition.required(
                    "media", "a file of the bot's storage (or a LIST item), or an http(s) URL"))
            .parameter(ParameterDefinition.sourceText(
                    "WITH", "with", true, "OPTIONS \"autoplay,loop,muted\": the player's options"))
            .effect(EffectKind.PURE)
            .retry(RetryPolicy.NONE)
            .description("Sends the user a video, an image, a document or a URL as a message that carries it.")
            .build();

    private PlayKeyword() {}

    static Value play(Invocation invocation) throws KeywordException {
        options(invocation.argument("with"));
        Value given = invocation.argument("media");
        if (given instanceof MapValue map && map.find("path").isPresent()) {
            given = map.find("path").get();
        }
        if (given instanceof NullValue || given.display().isBlank()) {
            throw KeywordException.permanent("PLAY needs a file of the bot's storage or a URL, but the value is empty");
        }
        String media = given.display().strip();
        if (SCHEME.matcher(media).matches()) {
            String scheme = media.substring(0, media.indexOf(':')).toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw KeywordException.permanent(
                        "PLAY cannot play '" + media + "': only http and https URLs can be sent to the user");
            }
            invocation.context().sendFile(media, Optional.empty());
            return Value.nullValue();
        }
        BotStorage storage = FilesPlugin.storage(invocation);
        Path file = storage.resolve("PLAY", media);
        if (!Files.isRegularFile(file)) {
            throw KeywordException.permanent("PLAY: FILE_NOT_FOUND: '" + media + "' is not a file in the bot's storage "
                    + storage.folder() + (Files.isDirectory(file) ? " (it is a folder)" : ""));
        }
        invocation.context().sendFile(storage.relative(file), Optional.empty());
        return Value.nullValue();
    }

    /** The options of {@code WITH OPTIONS "…"}, checked against the page's list. */
    static List<String> options(Value clause) throws KeywordException {
        if (clause instanceof NullValue) {
            return List.of();
        }
        Matcher matcher = OPTIONS_CLAUSE.matcher(clause.display());
        if (!matcher.matches()) {
            throw KeywordException.permanent("PLAY … WITH " + clause.display().strip()
                    + ": write WITH OPTIONS \"autoplay,loop\", the options as one literal text");
        }
        List<String> options = java.util.Arrays.stream(matcher.group(1).split(","))
                .map(option -> option.strip().toLowerCase(Locale.ROOT))
                .filter(option -> !option.isEmpty())
                .toList();
        for (String option : options) {
            if (!OPTIONS.contains(option)) {
                throw KeywordException.permanent("PLAY: the option '" + option + "' is unknown; the options are "
                        + String.join(", ", OPTIONS.stream().sorted().toList()));
            }
        }
        return options;
    }
}
