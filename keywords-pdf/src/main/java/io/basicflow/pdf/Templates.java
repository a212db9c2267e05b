package io.basicflow.pdf;

import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.Markup;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The placeholders of {@code GENERATE PDF}'s templates, as keyword-generate-pdf.md lists them:
 * {@code {{name}}} and {@code {{a.b}}}, {@code {{#each items}}…{{/each}}} (inside it {@code {{this}}},
 * {@code {{this.field}}}, a bare {@code {{field}}} of the item, and {@code {{@index}}} from 0),
 * {@code {{#if x}}…{{else}}…{{/if}}} and {@code {{#unless x}}…{{/unless}}}. In an HTML template a
 * value is HTML-escaped ({@code {{{name}}}} inserts it as it is); in Markdown it is inserted as it is.
 *
 * <p>A {@code {{name}}} that the data does not hold is {@code MISSING_VARIABLE} (a name that holds
 * {@code NULL} is empty); a section never closed, or closed by another name, is {@code
 * INVALID_TEMPLATE}. Both name the template's line.
 */
final class Templates {

    private sealed interface Node permits Text, Placeholder, Section {}

    private record Text(String text) implements Node {}

    private record Placeholder(String path, boolean raw, int line) implements Node {}

    private record Section(String kind, String path, List<Node> body, List<Node> otherwise, int line) implements Node {}

    private Templates() {}

    /**
     * Fills a template.
     *
     * @param name the template's path, for messages
     * @param template its text
     * @param data the values (usually a map)
     * @param html whether values are HTML-escaped
     * @return the filled text
     * @throws KeywordException (permanent) {@code INVALID_TEMPLATE} or {@code MISSING_VARIABLE}
     */
    static String fill(String name, String template, Value data, boolean html) throws KeywordException {
        List<Node> nodes = parse(name, template);
        StringBuilder out = new StringBuilder(template.length());
        render(name, nodes, new Scope(null, data, -1), html, out);
        return out.toString();
    }

    private record Scope(Scope parent, Value item, int index) {}

    // ---- parsing ----

    private static List<Node> parse(String name, String template) throws KeywordException {
        List<List<Node>> stack = new ArrayList<>();
        List<Section> open = new ArrayList<>();
        List<Node> current = new ArrayList<>();
        int at = 0;
        while (at < template.length()) {
            int start = template.indexOf("{{", at);
            if (start < 0) {
                current.add(new Text(template.substring(at)));
                break;
            }
            if (start > at) {
                current.add(new Text(template.substring(at, start)));
            }
            int line = lineOf(template, start);
            boolean raw = template.startsWith("{{{", start);
            int end = template.indexOf(raw ? "}}}" : "}}", start);
            if (end < 0) {
                throw invalid(name, line, "a placeholder opened with " + (raw ? "{{{" : "{{") + " is never closed");
            }
            String tag = template.substring(start + (raw ? 3 : 2), end).strip();
            at = end + (raw ? 3 : 2);
            if (tag.startsWith("#")) {
                String[] parts = tag.substring(1).strip().split("\\s+", 2);
                String kind = parts[0];
                if (!List.of("each", "if", "unless").contains(kind) || parts.length < 2) {
                    throw invalid(
                            name,
                            line,
                            "{{" + tag + "}} is no section this renderer knows: write {{#each"
                                    + " list}}, {{#if value}} or {{#unless value}}");
                }
                Section section = new Section(kind, parts[1].strip(), new ArrayList<>(), new ArrayList<>(), line);
                current.add(section);
                stack.add(current);
                open.add(section);
                current = section.body();
            } else if (tag.equals("else")) {
                if (open.isEmpty()
                        || open.getLast().kind().equals("each")
                        || current != open.getLast().body()) {
                    throw invalid(name, line, "{{else}} belongs inside {{#if}} or {{#unless}}");
                }
                current = open.getLast().otherwise();
            } else if (tag.startsWith("/")) {
                String kind = tag.substring(1).strip();
                if (open.isEmpty()) {
                    throw invalid(name, line, "{{" + tag + "}} closes a section that was never opened");
                }
                Section last = open.removeLast();
                if (!last.kind().equals(kind)) {
                    throw invalid(name, line, "{{" + tag + "}} closes {{#" + last.kind() + "}} of line " + last.line());
                }
                current = stack.removeLast();
            } else if (tag.startsWith("!")) {
                continue; // a comment
            } else {
                if (tag.isEmpty()) {
                    throw invalid(name, line, "an empty placeholder {{}}");
                }
                current.add(new Placeholder(tag, raw, line));
            }
        }
        if (!open.isEmpty()) {
            Section last = open.getLast();
            throw invalid(
                    name,
                    last.line(),
                    "{{#" + last.kind() + " " + last.path() + "}} is never closed with {{/" + last.kind() + "}}");
        }
        return current;
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static KeywordException invalid(String name, int line, String what) {
        return KeywordException.permanent("GENERATE PDF: INVALID_TEMPLATE " + name + ":" + line + ": " + what);
    }

    // ---- rendering ----

    private static void render(String name, List<Node> nodes, Scope scope, boolean html, StringBuilder out)
            throws KeywordException {
        for (Node node : nodes) {
            switch (node) {
                case Text text -> out.append(text.text());
                case Placeholder placeholder -> {
                    Value value = lookup(placeholder.path(), scope);
                    if (value == null) {
                        throw KeywordException.permanent("GENERATE PDF: MISSING_VARIABLE " + name + ":"
                                + placeholder.line() + ": {{" + placeholder.path() + "}} is not in the data;"
                                + " add it (NULL leaves it empty) or take it out of the template");
                    }
                    String shown = value instanceof NullValue ? "" : value.display();
                    out.append(html && !placeholder.raw() ? Markup.escape(shown) : shown);
                }
                case Section section -> {
                    Value value = lookup(section.path(), scope);
                    switch (section.kind()) {
                        case "each" -> {
                            List<Value> items = switch (value) {
                                case ListValue list -> list.elements();
                                case null -> List.of();
                                case NullValue ignored -> List.of();
                                default -> List.of(value);
                            };
                            for (int i = 0; i < items.size(); i++) {
                                render(name, section.body(), new Scope(scope, items.get(i), i), html, out);
                            }
                        }
                        case "if" ->
                            render(name, truthy(value) ? section.body() : section.otherwise(), scope, html, out);
                        default -> render(name, truthy(value) ? section.otherwise() : section.body(), scope, html, out);
                    }
                }
            }
        }
    }

    private static boolean truthy(Value value) {
        return switch (value) {
            case null -> false;
            case ListValue list -> !list.elements().isEmpty();
            default -> value.isTruthy();
        };
    }

    /** The value a path names, looked up from the innermost item outwards; null when none holds it. */
    private static Value lookup(String path, Scope scope) {
        if (path.equals("@index")) {
            for (Scope s = scope; s != null; s = s.parent()) {
                if (s.index() >= 0) {
                    return Value.number(s.index());
                }
            }
            return null;
        }
        String[] parts = path.split("\\.");
        if (parts[0].equals("this")) {
            return walk(scope.item(), parts, 1);
        }
        for (Scope s = scope; s != null; s = s.parent()) {
            Value found = walk(s.item(), parts, 0);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static Value walk(Value value, String[] parts, int from) {
        Value current = value;
        for (int i = from; i < parts.length; i++) {
            if (!(current instanceof MapValue map)) {
                return null;
            }
            current = field(map.entries(), parts[i]);
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    /** A map's field by its exact name, else by its name in any case (BASIC names are not case-sensitive). */
    private static Value field(Map<String, Value> entries, String name) {
        Value exact = entries.get(name);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, Value> entry : entries.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }
}
