package io.basicflow.mail;

import io.basicflow.spi.BotFiles;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.Value;
import java.net.URLConnection;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of {@code SEND MAIL … ATTACHMENT path}: read from the bot's storage through the SPI's
 * {@link BotFiles}, which the files plugin provides with its settings ({@code basicflow.files.*}), so
 * a path that leaves the storage is refused here as it is by {@code READ}.
 */
final class Attachments {

    private Attachments() {}

    static List<MailComposer.Attachment> read(Invocation invocation, Value attachment) throws KeywordException {
        List<Value> paths = switch (attachment) {
            case NullValue ignored -> List.of();
            case ListValue list -> list.elements();
            default -> List.of(attachment);
        };
        if (paths.isEmpty()) {
            return List.of();
        }
        BotFiles files = BotFiles.installed("SEND MAIL ATTACHMENT");
        List<MailComposer.Attachment> attachments = new ArrayList<>();
        for (Value path : paths) {
            String written = path.display();
            byte[] bytes = files.readBytes(invocation.context(), "SEND MAIL ATTACHMENT", written);
            String name = written.replace('\\', '/');
            name = name.substring(name.lastIndexOf('/') + 1);
            String type = URLConnection.guessContentTypeFromName(name);
            attachments.add(new MailComposer.Attachment(name, type == null ? "application/octet-stream" : type, bytes));
        }
        return attachments;
    }
}
