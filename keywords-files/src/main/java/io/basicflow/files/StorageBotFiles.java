package io.basicflow.files;

import io.basicflow.spi.BotFiles;
import io.basicflow.spi.InvocationContext;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.Value;

/**
 * {@link BotFiles} for other plugins: the bot's {@link BotStorage}, configured by the files plugin's
 * own settings ({@code basicflow.files.*}, read through {@link InvocationContext#configurationOf}).
 */
public final class StorageBotFiles implements BotFiles {

    /** Creates it; {@link java.util.ServiceLoader} calls this. */
    public StorageBotFiles() {}

    @Override
    public Value read(InvocationContext context, String keyword, String path) throws KeywordException {
        return storage(context).read(keyword, path);
    }

    @Override
    public byte[] readBytes(InvocationContext context, String keyword, String path) throws KeywordException {
        return storage(context).readBytes(keyword, path);
    }

    @Override
    public String write(InvocationContext context, String keyword, String path, byte[] bytes, String idempotencyKey)
            throws KeywordException {
        return storage(context).write(keyword, path, bytes, idempotencyKey);
    }

    @Override
    public boolean delete(InvocationContext context, String keyword, String path) throws KeywordException {
        return storage(context).delete(keyword, path);
    }

    private static BotStorage storage(InvocationContext context) throws KeywordException {
        return BotStorage.of(context, context.configurationOf("files"));
    }
}
