package io.basicflow.compiler.evaluation;

import static io.basicflow.compiler.evaluation.Exprs.bin;
import static io.basicflow.compiler.evaluation.Exprs.call;
import static io.basicflow.compiler.evaluation.Exprs.index;
import static io.basicflow.compiler.evaluation.Exprs.list;
import static io.basicflow.compiler.evaluation.Exprs.lit;
import static io.basicflow.compiler.evaluation.Exprs.member;
import static io.basicflow.compiler.evaluation.Exprs.nul;
import static io.basicflow.compiler.evaluation.Exprs.template;
import static io.basicflow.compiler.evaluation.Exprs.un;
import static io.basicflow.compiler.evaluation.Exprs.var;
import static io.basicflow.spi.program.Expr.BinaryOperator.ADD;
import static io.basicflow.spi.program.Expr.BinaryOperator.AND;
import static io.basicflow.spi.program.Expr.BinaryOperator.EQUAL;
import static io.basicflow.spi.program.Expr.BinaryOperator.MULTIPLY;
import static io.basicflow.spi.program.Expr.BinaryOperator.OR;
import static io.basicflow.spi.program.Expr.BinaryOperator.POWER;
import static io.basicflow.spi.program.Expr.BinaryOperator.SUBTRACT;
import static io.basicflow.spi.program.Expr.UnaryOperator.IS_NULL;
import static io.basicflow.spi.program.Expr.UnaryOperator.NEGATE;
import static io.basicflow.spi.program.Expr.UnaryOperator.NOT;
import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.spi.program.Expr;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExprTextTest {

    @Test
    void rendersOperatorsWithTheParenthesesTheyNeed() {
        assertThat(ExprText.render(bin(ADD, lit(1), bin(MULTIPLY, lit(2), lit(3)))))
                .isEqualTo("1 + 2 * 3");
        assertThat(ExprText.render(bin(MULTIPLY, bin(ADD, lit(1), lit(2)), lit(3))))
                .isEqualTo("(1 + 2) * 3");
        assertThat(ExprText.render(bin(SUBTRACT, lit(10), bin(SUBTRACT, lit(4), lit(3)))))
                .isEqualTo("10 - (4 - 3)");
        assertThat(ExprText.render(bin(SUBTRACT, bin(SUBTRACT, lit(10), lit(4)), lit(3))))
                .isEqualTo("10 - 4 - 3");
        assertThat(ExprText.render(bin(AND, bin(OR, var("a"), var("b")), var("c"))))
                .isEqualTo("(a OR b) AND c");
        assertThat(ExprText.render(un(NOT, bin(EQUAL, var("a"), lit(1))))).isEqualTo("NOT a = 1");
        assertThat(ExprText.render(un(NEGATE, bin(POWER, lit(2), lit(2))))).isEqualTo("-(2 ^ 2)");
        // unary minus binds tighter than ^ (LANGUAGE.md), so -2 ^ 2 reads as (-2) ^ 2
        assertThat(ExprText.render(bin(POWER, lit(-2), lit(2)))).isEqualTo("-2 ^ 2");
        assertThat(ExprText.render(bin(SUBTRACT, lit(1), lit(-2)))).isEqualTo("1 - -2");
        assertThat(ExprText.render(un(IS_NULL, member(var("res"), "data")))).isEqualTo("res.data IS NULL");
    }

    @Test
    void rendersLiteralsAndPostfixForms() {
        assertThat(ExprText.render(lit("say \"hi\""))).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(ExprText.render(nul())).isEqualTo("NULL");
        assertThat(ExprText.render(lit(true))).isEqualTo("TRUE");
        assertThat(ExprText.render(index(member(var("meal_data"), "meals"), lit(0))))
                .isEqualTo("meal_data.meals[0]");
        assertThat(ExprText.render(call("LEFT", var("name"), lit(3)))).isEqualTo("LEFT(name, 3)");
        assertThat(ExprText.render(list(lit(1), lit("a")))).isEqualTo("[1, \"a\"]");
        assertThat(ExprText.render(new Expr.MapLiteral(
                        List.of(new Expr.MapEntry("name", var("n")), new Expr.MapEntry("other key", lit(2))))))
                .isEqualTo("#{ name: n, \"other key\": 2 }");
        assertThat(ExprText.render(template(lit("Hi "), var("name"), lit("!")))).isEqualTo("\"Hi ${name}!\"");
        assertThat(ExprText.render(member(bin(ADD, var("a"), var("b")), "x"))).isEqualTo("(a + b).x");
    }
}
