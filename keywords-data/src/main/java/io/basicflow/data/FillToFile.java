package io.basicflow.data;

import io.basicflow.spi.BotFiles;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code FILL template, data TO "path"} (keyword-fill.md): the template — a text, or a text file of the
 * bot's storage ({@code "templates/contract.txt"}) — filled as {@link TemplateFill} fills it, written to
 * the path in the bot's storage (through the files plugin's {@link BotFiles}: a temporary name moved into
 * place, so a step repeated after a crash leaves the file once). The value is the page's {@code {path,
 * content, size}}. Text formats only ({@code .txt}, {@code .html}, {@code .md}, {@code .csv}, {@code
 * .json}, {@code .xml}): a Word or Excel template is refused, saying so.
 */
final class FillToFile {

    private static final Pattern FILE_NAME = Pattern.compile("[\\w./ -]+\\.[A-Za-z0-9]{2,5}");
    private static final List<String> TEXT_FORMATS = List.of("txt", "html", "htm", "md", "csv", "json", "xml");

    private FillToFile() {}

    static Value fill(Invocation invocation) throws KeywordException {
        Value template = invocation.argument("template");
        Value data = invocation.argument("data");
        String output = invocation.argument("output_path").display().strip();
        if (output.isEmpty()) {
            throw KeywordException.permanent("FILL … TO: the output path is empty");
        }
        textFormat(output, "the output");
        if (!(data instanceof MapValue)) {
            throw KeywordException.permanent("FILL … TO \"" + output + "\" writes one document: give the data as"
                    + " one map (#{name: …}), not " + data.display());
        }
        BotFiles files = BotFiles.installed("FILL … TO");
        if (template instanceof TextValue text
                && !text.value().contains("{{")
                && FILE_NAME.matcher(text.value().strip()).matches()) {
            String path = text.value().strip();
            textFormat(path, "the template");
            template = new TextValue(
                    new String(files.readBytes(invocation.context(), "FILL", path), StandardCharsets.UTF_8));
        }
        if (!(template instanceof TextValue)) {
            throw KeywordException.permanent("FILL … TO needs the template as a text or a file of the bot's storage,"
                    + " not " + template.display());
        }
        String content = TemplateFill.fill(template, data).display();
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        String written = files.write(invocation.context(), "FILL", output, bytes, invocation.idempotencyKey());
        Map<String, Value> result = new LinkedHashMap<>();
        result.put("path", Value.text(written));
        result.put("content", Value.text(content));
        result.put("size", Value.number(bytes.length));
        return new MapValue(result);
    }

    private static void textFormat(String path, String what) throws KeywordException {
        int dot = path.lastIndexOf('.');
        String extension = dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (!extension.isEmpty() && !TEXT_FORMATS.contains(extension)) {
            throw KeywordException.permanent("FILL … TO: " + what + " \"" + path + "\" is a ." + extension
                    + " file; basicflow fills text formats only (" + String.join(", ", TEXT_FORMATS)
                    + "): use an .html template (GENERATE PDF makes a PDF of it) or a .txt one");
        }
    }
}
