package io.basicflow.compiler;

import static org.assertj.core.api.Assertions.fail;

import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.diagnostics.Diagnostic;
import io.basicflow.compiler.testing.TestPlugins;
import io.basicflow.spi.program.Expr;
import io.basicflow.spi.program.Expression;
import io.basicflow.spi.program.Program;
import io.basicflow.spi.program.SourceSpan;
import io.basicflow.spi.program.Step;
import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import java.math.BigDecimal;
import java.util.List;

/** Compiles test scripts with the test catalogue and builds expected records tersely. */
final class Scripts {

    static final KeywordCatalogue CATALOGUE = TestPlugins.catalogue();
    static final ScriptService SERVICE = new ScriptService(CATALOGUE);

    private Scripts() {}

    /** The program of a script that must compile. */
    static Program program(String source) {
        CompilationResult result = SERVICE.check("test.bas", source);
        if (!result.succeeded()) {
            fail("expected the script to compile, but:\n" + result.format());
        }
        return result.plan().orElseThrow().program();
    }

    /** The top-level steps of a script that must compile. */
    static List<Step> steps(String source) {
        return program(source).body();
    }

    /** The only top-level step of a script that must compile. */
    static Step step(String source) {
        List<Step> steps = steps(source);
        if (steps.size() != 1) {
            fail("expected one step, got " + steps);
        }
        return steps.getFirst();
    }

    /** The diagnostics of a script that must not compile. */
    static List<Diagnostic> diagnostics(String source) {
        CompilationResult result = SERVICE.check("test.bas", source);
        if (result.succeeded()) {
            fail("expected diagnostics, but the script compiled: "
                    + result.plan().orElseThrow());
        }
        return result.diagnostics();
    }

    static SourceSpan span(int line, int column, int endColumn) {
        return new SourceSpan(line, column, line, endColumn);
    }

    /** An expression written on one line: its span ends after its text. */
    static Expression ex(String text, Expr tree, int line, int column) {
        return new Expression(text, tree, span(line, column, column + text.length()));
    }

    static Expr lit(long value) {
        return new Expr.Literal(NumberValue.of(value));
    }

    static Expr lit(String value) {
        return new Expr.Literal(new TextValue(value));
    }

    static Expr decimal(String value) {
        return new Expr.Literal(NumberValue.of(new BigDecimal(value)));
    }

    static Expr lit(boolean value) {
        return new Expr.Literal(BooleanValue.of(value));
    }

    static Expr nul() {
        return new Expr.Literal(NullValue.NULL);
    }

    static Expr var(String name) {
        return new Expr.Variable(name);
    }

    static Expr member(Expr target, String name) {
        return new Expr.Member(target, name);
    }

    static Expr index(Expr target, Expr index) {
        return new Expr.Index(target, index);
    }

    static Expr call(String function, Expr... arguments) {
        return new Expr.Call(function, List.of(arguments));
    }

    static Expr bin(Expr.BinaryOperator operator, Expr left, Expr right) {
        return new Expr.Binary(operator, left, right);
    }

    static Expr un(Expr.UnaryOperator operator, Expr operand) {
        return new Expr.Unary(operator, operand);
    }

    static Expr template(Expr... parts) {
        return new Expr.Template(List.of(parts));
    }

    static Expr list(Expr... elements) {
        return new Expr.ListLiteral(List.of(elements));
    }

    static Expr map(Expr.MapEntry... entries) {
        return new Expr.MapLiteral(List.of(entries));
    }

    static Expr.MapEntry entry(String key, Expr value) {
        return new Expr.MapEntry(key, value);
    }
}
