package io.basicflow.compiler.parser;

import io.basicflow.compiler.diagnostics.DiagnosticKind;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.program.Expr;
import io.basicflow.spi.program.Expression;
import io.basicflow.spi.program.Step;
import io.basicflow.spi.value.TextValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The names of the variables written at a keyword's by-name parameters ({@link
 * ParameterDefinition#byName}): General Bots' {@code SAVE "t", id, nome, email} makes the variables'
 * names the columns, so the handler needs them beside the values. Each by-name parameter the call
 * writes gets one more argument, under {@link ParameterDefinition#namesKey}, holding the list of the
 * names as written (an empty text for an argument that is neither a variable nor a field path); the engine passes it to
 * the handler like any argument, so direct and durable runs see the same names.
 */
final class NamedArguments {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private NamedArguments() {}

    /**
     * Adds the names arguments of a call's by-name parameters; reports an argument that must be a
     * variable and is not (when the call writes a repeated by-name parameter, every by-name argument
     * must be one: its name is what the handler uses).
     */
    static void add(
            ParseContext ctx,
            KeywordDefinition definition,
            Map<String, List<Expression>> given,
            List<Step.Argument> arguments) {
        boolean namesRequired = definition.parameters().stream()
                .anyMatch(p -> p.byName()
                        && p.repeated()
                        && !given.getOrDefault(p.name(), List.of()).isEmpty());
        for (ParameterDefinition parameter : definition.parameters()) {
            List<Expression> values = given.getOrDefault(parameter.name(), List.of());
            if (!parameter.byName() || values.isEmpty()) {
                continue;
            }
            List<Expr> names = new ArrayList<>();
            for (Expression value : values) {
                String name = variableName(value);
                if (name.isEmpty() && namesRequired) {
                    int start = ctx.source.lineStart(value.span().line())
                            + value.span().column()
                            - 1;
                    ctx.report(
                            DiagnosticKind.KEYWORD_FORM,
                            start,
                            start + value.text().length(),
                            definition.name() + " takes variables here, and uses their names ("
                                    + parameter.description()
                                    + "); " + value.text() + " is no variable or field: write it into a variable first"
                                    + " (name = " + value.text() + ") or pass the values as one map, #{name: …}");
                }
                names.add(new Expr.Literal(new TextValue(name)));
            }
            Expression first = values.getFirst();
            arguments.add(new Step.Argument(
                    ParameterDefinition.namesKey(parameter.name()),
                    new Expression(first.text(), new Expr.ListLiteral(names), first.span())));
        }
    }

    /**
     * The variable's name as written, or the last field's of a field path ({@code item.customerName}:
     * {@code customerName}, as General Bots' scripts save a row's fields); empty for anything else (a
     * hidden temporary included).
     */
    private static String variableName(Expression value) {
        String name = switch (value.tree()) {
            case Expr.Variable variable -> variable.name().startsWith("$") ? "" : variable.name();
            case Expr.Member member -> path(member) ? member.name() : "";
            default -> "";
        };
        if (name.isEmpty()) {
            return "";
        }
        String text = value.text().strip();
        String written = text.substring(text.lastIndexOf('.') + 1).strip();
        return NAME.matcher(written).matches() && written.equalsIgnoreCase(name) ? written : name;
    }

    /** Whether a member access is a plain path of names from a variable ({@code a.b.c}). */
    private static boolean path(Expr tree) {
        return switch (tree) {
            case Expr.Variable variable -> !variable.name().startsWith("$");
            case Expr.Member member -> path(member.target());
            default -> false;
        };
    }
}
