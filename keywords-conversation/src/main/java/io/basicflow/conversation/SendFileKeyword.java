package io.basicflow.conversation;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code SEND FILE path[, caption]} and {@code SEND FILE TO recipient, path[, caption]} (keyword-webhook.md,
 * addressed as {@code TALK TO} is): a message to the conversation's user that carries a file
 * reference, a path relative to the bot's storage, which the channel resolves (the web console and
 * the API show it; the terminal prints it). The message is the step's outcome, like a {@code TALK}'s,
 * so it is sent exactly once; the keyword itself is {@link EffectKind#PURE}.
 *
 * <p>The path is checked here, on its own: relative, with {@code /} between names, no {@code ..}, no
 * drive or absolute path, no empty or control characters. It is normalised ({@code ./a//b} is {@code
 * a/b}). Whether the file exists is for the bot's storage to say when the channel reads it.
 */
final class SendFileKeyword {

    static final KeywordDefinition SEND_FILE = KeywordDefinition.builder("SEND FILE")
            .form(KeywordForm.STATEMENT)
            .parameter(ParameterDefinition.required(
                    "path", "the file's path in the bot's storage (or a map with a path, as a file keyword returns)"))
            .parameter(ParameterDefinition.optional("caption", "the text shown with the file"))
            .parameter(ParameterDefinition.introducedBy(
                    "TO",
                    "to",
                    true,
                    "the recipient, as TALK TO takes it (SEND FILE TO \"whatsapp:+55…\", path, caption)"))
            .effect(EffectKind.PURE)
            .retry(RetryPolicy.NONE)
            .description("Sends the user a file from the bot's storage, with an optional caption.")
            .build();

    private SendFileKeyword() {}

    static Value send(Invocation invocation) throws KeywordException {
        Value given = invocation.argument("path");
        if (given instanceof MapValue map && map.find("path").isPresent()) {
            given = map.find("path").get();
        }
        if (given instanceof NullValue) {
            throw KeywordException.permanent("SEND FILE needs a file's path, but the value is empty (NULL)");
        }
        String path = storagePath(given.display());
        Value caption = invocation.argument("caption");
        Optional<String> shown = caption instanceof NullValue ? Optional.empty() : Optional.of(caption.display());
        Value recipient = invocation.argument("to");
        if (recipient instanceof NullValue) {
            invocation.context().sendFile(path, shown);
        } else if (recipient.display().isBlank()) {
            throw KeywordException.permanent("SEND FILE TO needs a recipient, but it is empty");
        } else {
            invocation.context().sendFile(recipient.display(), path, shown);
        }
        return Value.nullValue();
    }

    /**
     * The normalised form of a path in the bot's storage.
     *
     * @throws KeywordException when the path could leave the storage
     */
    static String storagePath(String path) throws KeywordException {
        String problem = null;
        if (path.isBlank()) {
            problem = "it is empty";
        } else if (path.startsWith("/") || path.startsWith("\\") || path.matches("^[A-Za-z]:.*")) {
            problem = "it is absolute; write it relative to the bot's storage";
        } else if (path.contains("\\")) {
            problem = "it has a backslash; separate folders with /";
        } else if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            problem = "it has a control character";
        } else if (path.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
            problem = "it is a URL; download it into the bot's storage first";
        }
        List<String> names = new ArrayList<>();
        if (problem == null) {
            for (String name : path.split("/")) {
                if (name.equals("..")) {
                    problem = "it has '..', which could leave the bot's storage";
                    break;
                }
                if (!name.isEmpty() && !name.equals(".")) {
                    names.add(name);
                }
            }
            if (problem == null && names.isEmpty()) {
                problem = "it names no file";
            }
        }
        if (problem != null) {
            throw KeywordException.permanent("SEND FILE cannot send '" + path + "': " + problem
                    + " (the path must stay inside the bot's storage)");
        }
        return String.join("/", names);
    }
}
