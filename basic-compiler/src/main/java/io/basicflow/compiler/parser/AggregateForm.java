package io.basicflow.compiler.parser;

import io.basicflow.compiler.catalogue.CataloguedKeyword;
import io.basicflow.compiler.lexer.Token;
import io.basicflow.compiler.lexer.TokenKind;
import io.basicflow.spi.program.Expr;
import io.basicflow.spi.program.Expression;
import io.basicflow.spi.program.Step;
import io.basicflow.spi.program.Target;
import io.basicflow.spi.value.TextValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * General Bots' table form of {@code AGGREGATE}: {@code x = AGGREGATE collection OPERATION [field]
 * [WHERE condition] [GROUP BY column]} ({@code AGGREGATE "orders" SUM amount WHERE status = "paid"},
 * {@code AGGREGATE prices MAX}, {@code AGGREGATE "sales" SUM amount GROUP BY region} of keywords-data.md).
 * It becomes a call of the plugin keyword {@code AGGREGATE} with the arguments {@code collection},
 * {@code operation} (the word, as text), {@code field} (a bare column name as text, or for {@code SUM
 * (price * qty)} the map tree of {@link #arithmetic}), {@code where} (a
 * condition map as {@link ClauseForms} builds it, or the text as written) and {@code group} (the
 * grouping column's name as text). Used only
 * when a plugin provides the keyword and the statement has the keyword shape (two operands in a row);
 * {@code AGGREGATE("SUM", list, "field")} stays the list function.
 */
final class AggregateForm {

    static final Set<String> OPERATIONS = Set.of("SUM", "COUNT", "AVERAGE", "AVG", "MIN", "MAX");

    private AggregateForm() {}

    static Step parse(
            ParseContext ctx, ExpressionParser expressions, CataloguedKeyword keyword, Target target, int start) {
        ctx.next(); // AGGREGATE
        Expression collection = expressions.expressionStoppingAt(OPERATIONS);
        Token operation = ctx.peek();
        if (operation.kind() != TokenKind.IDENTIFIER || !OPERATIONS.contains(operation.upper())) {
            throw ctx.error(
                    operation,
                    "AGGREGATE " + collection.text() + " needs SUM, COUNT, AVERAGE, MIN or MAX next, e.g. AGGREGATE"
                            + " orders SUM amount");
        }
        ctx.next();
        List<Step.Argument> arguments = new ArrayList<>();
        arguments.add(new Step.Argument("collection", collection));
        arguments.add(new Step.Argument("operation", text(ctx, operation.upper(), operation)));
        Token field = ctx.peek();
        if (field.kind() == TokenKind.LEFT_PAREN) {
            // SUM (quantity * unit_price): an arithmetic tree over columns, checked here, never SQL text
            Expression written = expressions.expressionStoppingAt(Set.of("WHERE", "GROUP"));
            Expr tree = arithmetic(ctx, written.tree(), field, operation.upper());
            arguments.add(new Step.Argument("field", ctx.expression(tree, field.start(), ctx.lastEnd())));
        } else if (field.kind() == TokenKind.IDENTIFIER && !field.is("WHERE") && !field.is("ELSE") && !groupBy(ctx)) {
            ctx.next();
            arguments.add(new Step.Argument("field", text(ctx, field.text(), field)));
        } else if (field.kind() == TokenKind.STRING) {
            arguments.add(new Step.Argument("field", expressions.expressionStoppingAt(Set.of("WHERE", "GROUP"))));
        }
        if (ctx.peek().is("WHERE")) {
            ctx.next();
            arguments.add(new Step.Argument("where", ClauseForms.where(ctx, expressions, Set.of("GROUP"))));
        }
        if (groupBy(ctx)) {
            ctx.next();
            ctx.next();
            Token column = ctx.peek();
            if (column.kind() != TokenKind.IDENTIFIER && column.kind() != TokenKind.STRING) {
                throw ctx.error(
                        column, "GROUP BY needs a column name, e.g. AGGREGATE \"sales\" SUM amount GROUP BY region");
            }
            ctx.next();
            String name = column.kind() == TokenKind.STRING
                    ? column.text().substring(1, column.text().length() - 1)
                    : column.text();
            arguments.add(new Step.Argument("group", text(ctx, name, column)));
        }
        if (!ctx.peek().endsLine() && !ctx.peek().is("ELSE")) {
            throw ctx.error(
                    ctx.peek(),
                    "expected the end of the line, WHERE or GROUP BY after AGGREGATE " + collection.text() + " "
                            + operation.upper());
        }
        return new Step.Invoke(ctx.span(start, ctx.lastEnd()), keyword.name(), arguments, Optional.ofNullable(target));
    }

    /**
     * The expression of {@code SUM (price * qty)} as a map tree the data plugin evaluates: {@code
     * #{column: "price"}}, {@code #{number: 2}}, {@code #{operator: "*", operands: [a, b]}} ({@code +},
     * {@code -}, {@code *}, {@code /}; {@code operator: "NEG"} for a minus sign). Anything else — a
     * function, a text, a variable's member — is a compile error saying what is supported.
     */
    static Expr arithmetic(ParseContext ctx, Expr tree, Token at, String operation) {
        return switch (tree) {
            case Expr.Variable variable -> new Expr.MapLiteral(List.of(entry("column", variable.name())));
            case Expr.Literal literal
            when literal.value() instanceof io.basicflow.spi.value.NumberValue ->
                new Expr.MapLiteral(List.of(new Expr.MapEntry("number", literal)));
            case Expr.Binary binary
            when ARITHMETIC.containsKey(binary.operator()) ->
                new Expr.MapLiteral(List.of(
                        entry("operator", ARITHMETIC.get(binary.operator())),
                        new Expr.MapEntry(
                                "operands",
                                new Expr.ListLiteral(List.of(
                                        arithmetic(ctx, binary.left(), at, operation),
                                        arithmetic(ctx, binary.right(), at, operation))))));
            case Expr.Unary unary
            when unary.operator() == Expr.UnaryOperator.NEGATE ->
                new Expr.MapLiteral(List.of(
                        entry("operator", "NEG"),
                        new Expr.MapEntry(
                                "operands",
                                new Expr.ListLiteral(List.of(arithmetic(ctx, unary.operand(), at, operation))))));
            default ->
                throw ctx.error(
                        at,
                        "AGGREGATE … " + operation + " (expression): only column names, numbers, + - * / and"
                                + " parentheses are supported in the expression, e.g. " + operation
                                + " (quantity * unit_price)");
        };
    }

    private static final java.util.Map<Expr.BinaryOperator, String> ARITHMETIC = java.util.Map.of(
            Expr.BinaryOperator.ADD, "+",
            Expr.BinaryOperator.SUBTRACT, "-",
            Expr.BinaryOperator.MULTIPLY, "*",
            Expr.BinaryOperator.DIVIDE, "/");

    private static Expr.MapEntry entry(String key, String value) {
        return new Expr.MapEntry(key, new Expr.Literal(new TextValue(value)));
    }

    private static boolean groupBy(ParseContext ctx) {
        return ctx.peek().is("GROUP") && ctx.peek(1).is("BY");
    }

    private static Expression text(ParseContext ctx, String value, Token at) {
        return ctx.expression(new Expr.Literal(new TextValue(value)), at.start(), at.end());
    }
}
