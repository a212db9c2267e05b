package io.basicflow.http;

import io.basicflow.spi.BotFiles;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.Value;
import java.util.Map;

/**
 * {@code GET} and {@code DELETE} of an argument that is no http(s) URL: a file of the bot's storage,
 * as General Bots reads it. The files plugin does the work through the SPI's {@link BotFiles}, with
 * its own settings ({@code basicflow.files.*}), so both plugins agree on where a bot's files are and
 * what may not leave them; this plugin does not depend on the files plugin's classes.
 */
final class StorageTargets {

    private StorageTargets() {}

    static boolean isUrl(Invocation invocation, String parameter) throws KeywordException {
        Value value = invocation.argument(parameter);
        if (value instanceof NullValue) {
            throw KeywordException.permanent(invocation.keyword() + ": the " + parameter + " is NULL");
        }
        return isUrl(value.display());
    }

    /** Whether a text has a scheme: anything with one is for HTTP, which names the ones it refuses (ftp://, file://). */
    static boolean isUrl(String text) {
        return text.strip().matches("(?s)[A-Za-z][A-Za-z0-9+.-]*://.*");
    }

    /** A GET of a storage path: it has no query string, so a WITH clause is a mistake worth naming. */
    static Invocation withoutQuery(Invocation invocation) throws KeywordException {
        if (!(invocation.argument("with") instanceof NullValue)) {
            throw KeywordException.permanent("GET '"
                    + invocation.argument("url").display()
                    + "' WITH …: query parameters need an http(s) URL, and this is a path of the bot's storage;"
                    + " write the whole address, e.g. GET \"https://api.example.com/" + "appointments\" WITH …");
        }
        return invocation;
    }

    static Value read(Invocation invocation) throws KeywordException {
        return BotFiles.installed("GET")
                .read(invocation.context(), "GET", invocation.argument("url").display());
    }

    static Value delete(Invocation invocation) throws KeywordException {
        return BooleanValue.of(BotFiles.installed("DELETE")
                .delete(
                        invocation.context(),
                        "DELETE",
                        invocation.argument("target").display()));
    }

    /** The one-argument DELETE of a URL, as the HTTP DELETE reads its arguments. */
    static Invocation asUrlCall(Invocation invocation) {
        return new Invocation(
                invocation.keyword(),
                Map.of("url", invocation.argument("target")),
                invocation.idempotencyKey(),
                invocation.executionId(),
                invocation.attempt(),
                invocation.context());
    }
}
