package io.basicflow.data;

import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code FILL template, data} (keyword-fill.md): the template's {@code {{name}}} placeholders replaced by
 * the data's values ({@code {{customer.name}}} reads a field of a field), and {@code {{#items}}…{{/items}}}
 * repeated for each element of the list {@code items}, the element's fields in scope. A placeholder
 * the data does not have becomes empty text, as in Mustache. The template is a text, or a map whose texts
 * are templates (its other values stay as they are); the data is a map, or a list of maps (one filled
 * template each). General Bots' scripts write both orders ({@code FILL template, data} on the reference
 * page, {@code FILL rows, template} in data-sync.bas): the template is the argument whose text holds
 * {@code {{…}}}, else the first one. Templates are not read from files: a text that looks like a file
 * name is refused, saying to {@code READ} it first.
 */
final class TemplateFill {

    private static final Pattern SECTION =
            Pattern.compile("\\{\\{#\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s*}}(.*?)\\{\\{/\\s*\\1\\s*}}", Pattern.DOTALL);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s*}}");
    private static final Pattern FILE_NAME = Pattern.compile("[\\w./ -]+\\.[A-Za-z0-9]{2,5}");

    private TemplateFill() {}

    /** Fills the template (either argument, see the class comment) with the data. */
    static Value fill(Value first, Value second) throws KeywordException {
        boolean swapped = !hasPlaceholders(first) && hasPlaceholders(second);
        Value template = swapped ? second : first;
        Value data = swapped ? first : second;
        if (template instanceof TextValue text
                && !hasPlaceholders(text)
                && FILE_NAME.matcher(text.value().strip()).matches()) {
            throw KeywordException.permanent(
                    "FILL: \"" + text.value() + "\" looks like a template file; basicflow fills"
                            + " template texts, not files: read it first (template = READ \"" + text.value()
                            + "\") and FILL template, data");
        }
        if (data instanceof ListValue list) {
            List<Value> out = new ArrayList<>();
            for (Value element : list.elements()) {
                out.add(fillValue(template, scope(element)));
            }
            return new ListValue(out);
        }
        return fillValue(template, scope(data));
    }

    private static List<Map<String, Value>> scope(Value data) throws KeywordException {
        if (data instanceof MapValue map) {
            return List.of(map.entries());
        }
        if (data instanceof NullValue) {
            return List.of();
        }
        throw KeywordException.permanent(
                "FILL needs the data as a map (#{name: …}) or a list of maps, not " + data.display());
    }

    private static Value fillValue(Value template, List<Map<String, Value>> scope) throws KeywordException {
        return switch (template) {
            case TextValue text -> new TextValue(fillText(text.value(), scope));
            case MapValue map -> {
                Map<String, Value> out = new LinkedHashMap<>();
                for (Map.Entry<String, Value> entry : map.entries().entrySet()) {
                    out.put(entry.getKey(), fillValue(entry.getValue(), scope));
                }
                yield new MapValue(out);
            }
            case ListValue list -> {
                List<Value> out = new ArrayList<>();
                for (Value element : list.elements()) {
                    out.add(fillValue(element, scope));
                }
                yield new ListValue(out);
            }
            default -> template;
        };
    }

    private static String fillText(String template, List<Map<String, Value>> scope) throws KeywordException {
        StringBuilder out = new StringBuilder();
        Matcher section = SECTION.matcher(template);
        int at = 0;
        while (section.find()) {
            out.append(placeholders(template.substring(at, section.start()), scope));
            Value items = lookup(section.group(1), scope);
            List<Value> elements = items instanceof ListValue list
                    ? list.elements()
                    : items instanceof NullValue || items.display().equalsIgnoreCase("false")
                            ? List.of()
                            : List.of(items);
            for (Value element : elements) {
                List<Map<String, Value>> inner = new ArrayList<>();
                if (element instanceof MapValue map) {
                    inner.add(map.entries());
                }
                inner.addAll(scope);
                out.append(fillText(section.group(2), inner));
            }
            at = section.end();
        }
        out.append(placeholders(template.substring(at), scope));
        return out.toString();
    }

    private static String placeholders(String text, List<Map<String, Value>> scope) {
        Matcher placeholder = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (placeholder.find()) {
            Value value = lookup(placeholder.group(1), scope);
            placeholder.appendReplacement(
                    out, Matcher.quoteReplacement(value instanceof NullValue ? "" : value.display()));
        }
        placeholder.appendTail(out);
        return out.toString();
    }

    /** A dotted name in the innermost scope that has its first part; NULL when none has. */
    private static Value lookup(String path, List<Map<String, Value>> scope) {
        String[] parts = path.split("\\.");
        for (Map<String, Value> level : scope) {
            Value value = field(level, parts[0]);
            if (value == null) {
                continue;
            }
            for (int i = 1; i < parts.length; i++) {
                value = value instanceof MapValue map ? field(map.entries(), parts[i]) : null;
                if (value == null) {
                    return NullValue.NULL;
                }
            }
            return value;
        }
        return NullValue.NULL;
    }

    private static Value field(Map<String, Value> map, String name) {
        Value exact = map.get(name);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, Value> entry : map.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static boolean hasPlaceholders(Value value) {
        return switch (value) {
            case TextValue text -> text.value().contains("{{");
            case MapValue map -> map.entries().values().stream().anyMatch(TemplateFill::hasPlaceholders);
            case ListValue list -> list.elements().stream().anyMatch(TemplateFill::hasPlaceholders);
            default -> false;
        };
    }
}
