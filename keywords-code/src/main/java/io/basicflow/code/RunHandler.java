package io.basicflow.code;

import io.basicflow.spi.BotFiles;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.value.Value;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * One {@code RUN} keyword: checks that running code is on, takes the code (written, or a file of the
 * bot's storage read through the files plugin, so its path cannot leave the storage), runs it and
 * returns its standard output without the trailing line breaks.
 */
final class RunHandler implements KeywordHandler {

    private final Sandbox sandbox;
    private final Language language;
    private final boolean fromFile;

    RunHandler(Sandbox sandbox, Language language, boolean fromFile) {
        this.sandbox = sandbox;
        this.language = language;
        this.fromFile = fromFile;
    }

    @Override
    public Value invoke(Invocation invocation) throws KeywordException {
        String keyword = invocation.keyword();
        CodeSettings settings = CodeSettings.from(invocation.context().configuration(), keyword);
        if (!settings.enabled()) {
            throw KeywordException.permanent("running code is off on this server (the default: a script running"
                    + " code on the server is dangerous); " + CodeSettings.ENABLE);
        }
        String code;
        if (fromFile) {
            String path = invocation.argument("path").display().strip();
            byte[] bytes = BotFiles.installed(keyword).readBytes(invocation.context(), keyword, path);
            try {
                code = StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes))
                        .toString();
            } catch (CharacterCodingException e) {
                throw KeywordException.permanent(keyword + " \"" + path + "\": the file is not UTF-8 text");
            }
        } else {
            code = invocation.argument("code").display();
        }
        if (code.isBlank()) {
            throw KeywordException.permanent("the code is empty");
        }
        Sandbox.Result result = sandbox.run(keyword, language, code, settings);
        if (result.exitCode() != 0) {
            String reason = result.exitCode() == 137 || result.exitCode() == 152 || result.exitCode() == 133
                    ? " (killed by a limit: memory, CPU time or file size)"
                    : "";
            throw KeywordException.permanent("the code exited with code " + result.exitCode() + reason
                    + (result.stderrTail().isBlank() ? "" : "; its error output ended with: " + result.stderrTail()));
        }
        return Value.text(result.stdout().replaceAll("[\\r\\n]+$", ""));
    }
}
