package io.basicflow.compiler.evaluation;

import io.basicflow.spi.program.Expr;
import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Renders an {@link Expr} tree back to BASIC source text, with the parentheses its precedence needs.
 * Error messages use it to name the part of an expression that failed ({@code division by zero in
 * 'total / count'}).
 */
public final class ExprText {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static final int LOOSEST = 0;
    private static final int NOT_LEVEL = 3;
    private static final int COMPARISON_LEVEL = 4;
    private static final int UNARY_MINUS_LEVEL = 8;
    private static final int POSTFIX_LEVEL = 9;

    private ExprText() {}

    /**
     * Renders an expression.
     *
     * @param expr the expression
     * @return BASIC source text that parses back to the same tree
     */
    public static String render(Expr expr) {
        StringBuilder out = new StringBuilder();
        render(expr, LOOSEST, out);
        return out.toString();
    }

    private static void render(Expr expr, int context, StringBuilder out) {
        int level = level(expr);
        boolean parenthesise = level < context;
        if (parenthesise) {
            out.append('(');
        }
        switch (expr) {
            case Expr.Literal literal -> literal(literal.value(), out);
            case Expr.Variable variable -> out.append(variable.name());
            case Expr.Member member -> {
                render(member.target(), POSTFIX_LEVEL, out);
                out.append('.').append(member.name());
            }
            case Expr.Index index -> {
                render(index.target(), POSTFIX_LEVEL, out);
                out.append('[');
                render(index.index(), LOOSEST, out);
                out.append(']');
            }
            case Expr.Call call -> {
                out.append(call.function()).append('(');
                list(call.arguments(), out);
                out.append(')');
            }
            case Expr.Unary unary -> {
                switch (unary.operator()) {
                    case NEGATE -> {
                        out.append('-');
                        render(unary.operand(), UNARY_MINUS_LEVEL, out);
                    }
                    case NOT -> {
                        out.append("NOT ");
                        render(unary.operand(), NOT_LEVEL, out);
                    }
                    case IS_NULL -> {
                        render(unary.operand(), COMPARISON_LEVEL + 1, out);
                        out.append(" IS NULL");
                    }
                    case IS_NOT_NULL -> {
                        render(unary.operand(), COMPARISON_LEVEL + 1, out);
                        out.append(" IS NOT NULL");
                    }
                }
            }
            case Expr.Binary binary -> {
                // Left-associative: the right operand needs parentheses at the same level.
                render(binary.left(), level, out);
                out.append(' ').append(symbol(binary.operator())).append(' ');
                render(binary.right(), level + 1, out);
            }
            case Expr.ListLiteral list -> {
                out.append('[');
                list(list.elements(), out);
                out.append(']');
            }
            case Expr.MapLiteral map -> {
                out.append("#{");
                for (int i = 0; i < map.entries().size(); i++) {
                    Expr.MapEntry entry = map.entries().get(i);
                    out.append(i == 0 ? " " : ", ");
                    if (IDENTIFIER.matcher(entry.key()).matches()) {
                        out.append(entry.key());
                    } else {
                        quote(entry.key(), out);
                    }
                    out.append(": ");
                    render(entry.value(), LOOSEST, out);
                }
                out.append(map.entries().isEmpty() ? "}" : " }");
            }
            case Expr.Template template -> {
                out.append('"');
                for (Expr part : template.parts()) {
                    if (part instanceof Expr.Literal literal && literal.value() instanceof TextValue text) {
                        out.append(text.value().replace("\"", "\"\""));
                    } else {
                        out.append("${");
                        render(part, LOOSEST, out);
                        out.append('}');
                    }
                }
                out.append('"');
            }
        }
        if (parenthesise) {
            out.append(')');
        }
    }

    private static void list(List<Expr> items, StringBuilder out) {
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            render(items.get(i), LOOSEST, out);
        }
    }

    private static int level(Expr expr) {
        return switch (expr) {
            case Expr.Unary unary ->
                switch (unary.operator()) {
                    case NEGATE -> UNARY_MINUS_LEVEL;
                    case NOT -> NOT_LEVEL;
                    case IS_NULL, IS_NOT_NULL -> COMPARISON_LEVEL;
                };
            case Expr.Binary binary -> level(binary.operator());
            case Expr.Literal literal ->
                literal.value() instanceof NumberValue number
                                && number.display().startsWith("-")
                        ? UNARY_MINUS_LEVEL
                        : POSTFIX_LEVEL;
            case Expr.Variable ignored -> POSTFIX_LEVEL;
            case Expr.Member ignored -> POSTFIX_LEVEL;
            case Expr.Index ignored -> POSTFIX_LEVEL;
            case Expr.Call ignored -> POSTFIX_LEVEL;
            case Expr.ListLiteral ignored -> POSTFIX_LEVEL;
            case Expr.MapLiteral ignored -> POSTFIX_LEVEL;
            case Expr.Template ignored -> POSTFIX_LEVEL;
        };
    }

    private static int level(Expr.BinaryOperator operator) {
        return switch (operator) {
            case OR -> 1;
            case AND -> 2;
            case EQUAL, NOT_EQUAL, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL -> COMPARISON_LEVEL;
            case ADD, SUBTRACT, CONCAT -> 5;
            case MULTIPLY, DIVIDE, INTEGER_DIVIDE, MODULO -> 6;
            case POWER -> 7;
        };
    }

    /**
     * The source symbol of a binary operator.
     *
     * @param operator the operator
     * @return e.g. {@code +}, {@code MOD}, {@code <>}
     */
    public static String symbol(Expr.BinaryOperator operator) {
        return switch (operator) {
            case OR -> "OR";
            case AND -> "AND";
            case EQUAL -> "=";
            case NOT_EQUAL -> "<>";
            case LESS -> "<";
            case LESS_OR_EQUAL -> "<=";
            case GREATER -> ">";
            case GREATER_OR_EQUAL -> ">=";
            case ADD -> "+";
            case SUBTRACT -> "-";
            case CONCAT -> "&";
            case MULTIPLY -> "*";
            case DIVIDE -> "/";
            case INTEGER_DIVIDE -> "\\";
            case MODULO -> "MOD";
            case POWER -> "^";
        };
    }

    private static void literal(Value value, StringBuilder out) {
        switch (value) {
            case NullValue ignored -> out.append("NULL");
            case BooleanValue bool -> out.append(bool.value() ? "TRUE" : "FALSE");
            case NumberValue number -> out.append(number.display());
            case TextValue text -> quote(text.value(), out);
            case ListValue list -> out.append(list.display());
            case MapValue map -> out.append("#").append(map.display());
        }
    }

    private static void quote(String text, StringBuilder out) {
        out.append('"').append(text.replace("\"", "\"\"")).append('"');
    }
}
