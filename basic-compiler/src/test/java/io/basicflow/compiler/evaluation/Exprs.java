package io.basicflow.compiler.evaluation;

import io.basicflow.spi.program.Expr;
import io.basicflow.spi.program.Expr.BinaryOperator;
import io.basicflow.spi.program.Expr.UnaryOperator;
import io.basicflow.spi.value.Value;
import java.util.List;

/** Hand-built expression trees for tests, as the parser would produce them. */
public final class Exprs {

    private Exprs() {}

    public static Expr lit(Object value) {
        return new Expr.Literal(Value.of(value));
    }

    public static Expr num(String decimal) {
        return new Expr.Literal(io.basicflow.spi.value.NumberValue.of(new java.math.BigDecimal(decimal)));
    }

    public static Expr nul() {
        return new Expr.Literal(io.basicflow.spi.value.NullValue.NULL);
    }

    public static Expr var(String name) {
        return new Expr.Variable(name);
    }

    public static Expr bin(BinaryOperator operator, Expr left, Expr right) {
        return new Expr.Binary(operator, left, right);
    }

    public static Expr un(UnaryOperator operator, Expr operand) {
        return new Expr.Unary(operator, operand);
    }

    public static Expr call(String function, Expr... arguments) {
        return new Expr.Call(function, List.of(arguments));
    }

    public static Expr member(Expr target, String name) {
        return new Expr.Member(target, name);
    }

    public static Expr index(Expr target, Expr index) {
        return new Expr.Index(target, index);
    }

    public static Expr list(Expr... elements) {
        return new Expr.ListLiteral(List.of(elements));
    }

    public static Expr template(Expr... parts) {
        return new Expr.Template(List.of(parts));
    }
}
