package io.basicflow.pdf;

import io.basicflow.spi.BotFiles;
import io.basicflow.spi.EffectKind;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.RetryPolicy;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.multipdf.PDFMergerUtility;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * {@code result = GENERATE PDF template, data, "out.pdf"} and {@code result = MERGE PDF files,
 * "out.pdf"}, as General Bots' keyword-generate-pdf.md and keyword-merge-pdf.md describe them, on the
 * bot's storage ({@link BotFiles}, provided by the files plugin).
 *
 * <p>{@code GENERATE PDF} reads the template (an {@code .html}/{@code .htm} file as HTML, any other
 * as Markdown), fills its placeholders with the data ({@link Templates}), lays the text out on A4
 * pages ({@link PdfPages}) and writes the PDF. Both keywords return {@code {path, localName, url,
 * pages, size}}; {@code url} is the storage path too, since basicflow serves no file URLs.
 *
 * <p>Both are idempotent effect steps: the PDF is written to a temporary name keyed by the step's
 * idempotency key and moved into place, so a step attempted again after a crash leaves it once, and
 * a completed step (its result recorded) is never run again by a resumed execution.
 */
public final class PdfPlugin implements KeywordPlugin {

    private static final ParameterDefinition OUTPUT =
            ParameterDefinition.required("output", "the PDF to write, a path of the bot's storage");

    /** Creates the plugin; {@link java.util.ServiceLoader} calls this. */
    public PdfPlugin() {}

    @Override
    public String name() {
        return "pdf";
    }

    @Override
    public List<KeywordDefinition> keywords() {
        return List.of(generate("GENERATE PDF"), generate("GENERATE_PDF"), merge("MERGE PDF"), merge("MERGE_PDF"));
    }

    private static KeywordDefinition generate(String name) {
        return KeywordDefinition.builder(name)
                .form(KeywordForm.FUNCTION)
                .parameter(ParameterDefinition.required(
                        "source",
                        "the template, an HTML (.html) or Markdown file of the bot's storage (template, data,"
                                + " output); or the output (output WITH TEMPLATE name DATA data)"))
                .parameter(ParameterDefinition.optional("data", "the values of its {{placeholders}}, usually a map"))
                .parameter(ParameterDefinition.optional("output", "the PDF to write, a path of the bot's storage"))
                .parameter(ParameterDefinition.introducedBy(
                        "TEMPLATE",
                        "template_name",
                        true,
                        "WITH TEMPLATE name: templates/<name>.html or templates/<name>.md (or a path)"))
                .parameter(ParameterDefinition.introducedBy(
                        "DATA", "template_data", true, "DATA value: the values, with WITH TEMPLATE"))
                .parameter(ParameterDefinition.introducedBy(
                        "TO", "to", true, "TO output: converts the file (no data needed) into this PDF"))
                .effect(EffectKind.IDEMPOTENT_EFFECT)
                .retry(RetryPolicy.DEFAULT)
                .description("Fills an HTML or Markdown template with data and writes it as a PDF in the bot's"
                        + " storage; returns {path, localName, url, pages, size}.")
                .build();
    }

    private static KeywordDefinition merge(String name) {
        return KeywordDefinition.builder(name)
                .form(KeywordForm.FUNCTION)
                .parameter(ParameterDefinition.required(
                        "files", "a list of PDFs of the bot's storage (paths, or results of GENERATE PDF), or one"))
                .parameter(OUTPUT)
                .effect(EffectKind.IDEMPOTENT_EFFECT)
                .retry(RetryPolicy.DEFAULT)
                .description("Joins PDFs of the bot's storage, in order, into one; returns {path, localName, url,"
                        + " pages, size}.")
                .build();
    }

    @Override
    public Optional<KeywordHandler> handler(String keyword) {
        KeywordHandler handler = switch (keyword) {
            case "GENERATE PDF", "GENERATE_PDF" -> PdfPlugin::generate;
            case "MERGE PDF", "MERGE_PDF" -> PdfPlugin::merge;
            default -> null;
        };
        return Optional.ofNullable(handler);
    }

    private static Value generate(Invocation invocation) throws KeywordException {
        String keyword = invocation.keyword();
        BotFiles files = BotFiles.installed(keyword);
        List<String> candidates;
        String output;
        Value data;
        if (invocation.argument("template_name") instanceof NullValue) {
            if (!(invocation.argument("template_data") instanceof NullValue)) {
                throw KeywordException.permanent(keyword + ": DATA goes with WITH TEMPLATE name; write " + keyword
                        + " template, data, output or " + keyword + " output WITH TEMPLATE name DATA data");
            }
            candidates = List.of(text(invocation, "source"));
            data = invocation.argument("data");
            if (invocation.argument("to") instanceof NullValue) {
                output = text(invocation, "output");
            } else {
                if (!(invocation.argument("output") instanceof NullValue)) {
                    throw KeywordException.permanent(
                            keyword + " takes either template, data, output or file TO" + " output, not both");
                }
                output = text(invocation, "to");
                data = data instanceof NullValue ? new MapValue(Map.of()) : data;
            }
        } else {
            if (!(invocation.argument("data") instanceof NullValue)
                    || !(invocation.argument("output") instanceof NullValue)) {
                throw KeywordException.permanent(keyword + " takes either template, data, output or output WITH"
                        + " TEMPLATE name DATA data, not both");
            }
            String name = text(invocation, "template_name");
            candidates = name.contains(".")
                    ? List.of(name)
                    : List.of("templates/" + name + ".html", "templates/" + name + ".md");
            data = invocation.argument("template_data");
            output = text(invocation, "source");
        }
        String template = null;
        byte[] bytes = null;
        for (String candidate : candidates) {
            try {
                bytes = files.readBytes(invocation.context(), keyword, candidate);
                template = candidate;
                break;
            } catch (KeywordException e) {
                if (e.getMessage() == null || !e.getMessage().contains("FILE_NOT_FOUND")) {
                    throw e;
                }
            }
        }
        if (template == null) {
            throw KeywordException.permanent(keyword + ": TEMPLATE_NOT_FOUND "
                    + String.join(
                            " or ", candidates.stream().map(c -> "'" + c + "'").toList())
                    + (candidates.size() > 1 ? " are" : " is") + " not in the bot's storage");
        }
        String source;
        try {
            source = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw KeywordException.permanent(
                    keyword + ": INVALID_TEMPLATE '" + template + "' is not UTF-8 text (an HTML or Markdown file)");
        }
        String lower = template.toLowerCase(Locale.ROOT);
        boolean html = lower.endsWith(".html") || lower.endsWith(".htm");
        String filled = Templates.fill(template, source, data, html);
        List<Block> blocks = html ? HtmlBlocks.of(filled) : MarkdownBlocks.of(filled);
        PdfPages.Rendered pdf = PdfPages.render(blocks, title(blocks, output));
        return written(invocation, files, output, pdf.bytes(), pdf.pages());
    }

    private static Value merge(Invocation invocation) throws KeywordException {
        String keyword = invocation.keyword();
        BotFiles files = BotFiles.installed(keyword);
        String output = text(invocation, "output");
        List<String> sources = new ArrayList<>();
        Value given = invocation.argument("files");
        for (Value file : given instanceof ListValue list ? list.elements() : List.of(given)) {
            sources.add(pathOf(keyword, file));
        }
        if (sources.isEmpty()) {
            throw KeywordException.permanent(keyword + ": no files to merge; give a list of PDF paths");
        }
        List<PDDocument> parts = new ArrayList<>(); // open until the merged document is saved
        try (PDDocument merged = new PDDocument()) {
            PDFMergerUtility merger = new PDFMergerUtility();
            for (String source : sources) {
                byte[] bytes = files.readBytes(invocation.context(), keyword, source);
                PDDocument part;
                try {
                    part = Loader.loadPDF(bytes);
                } catch (IOException e) {
                    throw KeywordException.permanent(
                            keyword + ": '" + source + "' is not a PDF that can be read: " + e.getMessage());
                }
                parts.add(part);
                merger.appendDocument(merged, part);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            merged.save(out);
            return written(invocation, files, output, out.toByteArray(), merged.getNumberOfPages());
        } catch (IOException e) {
            throw KeywordException.permanent(keyword + ": cannot merge into '" + output + "': " + e.getMessage());
        } finally {
            for (PDDocument part : parts) {
                try {
                    part.close();
                } catch (IOException ignored) {
                    // in memory: nothing to release that matters
                }
            }
        }
    }

    /** A path out of a list element: a text, or a map with a {@code localName} or {@code path}. */
    private static String pathOf(String keyword, Value file) throws KeywordException {
        if (file instanceof MapValue map) {
            for (String field : List.of("localName", "path")) {
                if (map.entries().get(field) instanceof TextValue path) {
                    return path.value();
                }
            }
            throw KeywordException.permanent(keyword + ": a map in the files has no localName or path: "
                    + map.entries().keySet());
        }
        if (file instanceof NullValue || file.display().isBlank()) {
            throw KeywordException.permanent(keyword + ": a file in the list is empty or NULL");
        }
        return file.display();
    }

    private static Value written(Invocation invocation, BotFiles files, String output, byte[] pdf, int pages)
            throws KeywordException {
        String path = files.write(invocation.context(), invocation.keyword(), output, pdf, invocation.idempotencyKey());
        Map<String, Value> result = new LinkedHashMap<>();
        result.put("path", Value.text(path));
        result.put("localName", Value.text(path));
        result.put("url", Value.text(path));
        result.put("pages", Value.number(pages));
        result.put("size", Value.number(pdf.length));
        return new MapValue(result);
    }

    /** The first heading's text, else the output's file name. */
    private static String title(List<Block> blocks, String output) {
        for (Block block : blocks) {
            if (block instanceof Block.Heading heading) {
                return heading.text();
            }
        }
        return output.substring(output.lastIndexOf('/') + 1);
    }

    private static String text(Invocation invocation, String parameter) throws KeywordException {
        Value value = invocation.argument(parameter);
        if (value instanceof NullValue || value.display().isBlank()) {
            throw KeywordException.permanent(invocation.keyword() + ": the " + parameter + " is empty; give a path");
        }
        return value.display();
    }
}
