package io.basicflow.templates;

import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message template as kept in a file: an optional first line {@code {{! category: name }}} (a
 * Mustache comment, so the file stays a plain template), an optional line {@code Subject: …} (the
 * e-mail subject, itself a template), then the text with {@code {{name}}} placeholders ({@code
 * {{order.id}}} reads a field of a field). A placeholder the variables lack stays as written, so a
 * missing variable shows in the message instead of vanishing.
 *
 * @param category the category, empty when none
 * @param subject the subject line, empty when none
 * @param body the text after those lines
 */
record TemplateText(Optional<String> category, Optional<String> subject, String body) {

    private static final Pattern CATEGORY = Pattern.compile("\\{\\{!\\s*category:\\s*(.*?)\\s*}}\\R?");
    private static final Pattern SUBJECT = Pattern.compile("(?i)subject:[ \\t]*(.*)\\R?");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s*}}");
    private static final Pattern COMMENT = Pattern.compile("\\{\\{![^}]*}}");

    /** Reads a template file's text. */
    static TemplateText parse(String file) {
        String rest = file.startsWith("\uFEFF") ? file.substring(1) : file;
        Optional<String> category = Optional.empty();
        Matcher categoryLine = CATEGORY.matcher(rest);
        if (categoryLine.lookingAt()) {
            category = Optional.of(categoryLine.group(1));
            rest = rest.substring(categoryLine.end());
        }
        Optional<String> subject = Optional.empty();
        Matcher subjectLine = SUBJECT.matcher(rest);
        if (subjectLine.lookingAt()) {
            subject = Optional.of(subjectLine.group(1).strip());
            rest = rest.substring(subjectLine.end());
        }
        return new TemplateText(category, subject, rest);
    }

    /** The file's text for a body and category, as {@code CREATE_TEMPLATE} writes it. */
    static String file(String body, Optional<String> category) {
        return category.map(name -> "{{! category: " + name + " }}\n").orElse("") + body;
    }

    /** The placeholders' names, in order, each once. */
    List<String> variables() {
        Set<String> names = new LinkedHashSet<>();
        for (String text : List.of(subject.orElse(""), body)) {
            Matcher placeholder = PLACEHOLDER.matcher(text);
            while (placeholder.find()) {
                names.add(placeholder.group(1));
            }
        }
        return List.copyOf(names);
    }

    /** The text with the variables' values in place of the placeholders, and comments removed. */
    static String render(String text, Value variables) {
        Matcher placeholder = PLACEHOLDER.matcher(COMMENT.matcher(text).replaceAll(""));
        StringBuilder out = new StringBuilder();
        while (placeholder.find()) {
            Optional<Value> value = lookup(variables, placeholder.group(1));
            placeholder.appendReplacement(
                    out, Matcher.quoteReplacement(value.map(Value::display).orElse(placeholder.group())));
        }
        placeholder.appendTail(out);
        return out.toString();
    }

    private static Optional<Value> lookup(Value variables, String path) {
        Value current = variables;
        for (String field : path.split("\\.")) {
            if (!(current instanceof MapValue map)) {
                return Optional.empty();
            }
            Value next = null;
            for (Map.Entry<String, Value> entry : map.entries().entrySet()) {
                if (entry.getKey().equalsIgnoreCase(field)) {
                    next = entry.getValue();
                    break;
                }
            }
            if (next == null) {
                return Optional.empty();
            }
            current = next;
        }
        return current instanceof NullValue ? Optional.of(Value.text("")) : Optional.of(current);
    }

    /** The variables as a list of texts, for a result. */
    ListValue variableList() {
        List<Value> out = new ArrayList<>();
        for (String name : variables()) {
            out.add(Value.text(name));
        }
        return new ListValue(out);
    }
}
