package io.basicflow.compiler.evaluation;

import static java.util.Objects.requireNonNull;

import io.basicflow.spi.FunctionDefinition;
import io.basicflow.spi.PureFunction;
import io.basicflow.spi.program.Expr;
import io.basicflow.spi.program.Expression;
import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.NumberValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates pure expressions. An evaluator holds no per-run state: one instance serves every run
 * and thread. Evaluation never has a side effect beyond what its functions read from the
 * {@link PureFunction.Environment} (clock, random generator).
 *
 * <h2>Semantics</h2>
 *
 * <ul>
 *   <li><b>Truthiness</b> is {@link Value#isTruthy()}: {@code FALSE}, {@code NULL}, {@code 0},
 *       {@code ""}, an empty list or map are false. {@code AND}/{@code OR} short-circuit and yield
 *       booleans; {@code NOT} negates truthiness.
 *   <li><b>Arithmetic</b> ({@code - * / \ MOD ^}, unary {@code -}) is exact decimal (see {@link
 *       Values}): {@code NULL} and blank text count as {@code 0}, numeric text ({@code " 3.5 "})
 *       counts as its number; any other operand (non-numeric text, boolean, list, map) fails naming
 *       the operand and its value. {@code /} by zero, {@code \} by zero and {@code MOD 0} fail with
 *       "division by zero"; a result with more than {@link Values#MAX_DIGITS} digits fails too.
 *   <li><b>{@code +}</b> concatenates display texts when either side is text ({@code NULL} shows as
 *       {@code ""}: {@code "a" + NULL = "a"}); joins two lists; merges two maps (the right one's
 *       entries win); treats {@code NULL} beside a list or map as empty; otherwise adds numbers as
 *       above. <b>{@code &}</b> always concatenates display texts.
 *   <li><b>{@code =} and {@code <>}</b>: see {@link #equal(Value, Value)}. <b>{@code < <= > >=}</b>:
 *       see {@link #compare(Value, Value)}.
 *   <li><b>Member access</b> {@code a.b}: on a map, {@link MapValue#find} (exact key, then ignoring
 *       case), a missing key reads as {@code NULL}; on {@code NULL} it is {@code NULL} (scripts test
 *       {@code IF res.data THEN}); on a list, {@code length}, {@code count} and {@code size} give
 *       the number of elements; on a text, {@code length} gives its number of characters (code
 *       points). Any other member of a list or text, and any member of a number or boolean, fails.
 *   <li><b>Indexing</b> {@code a[i]}: a list by zero-based whole number, a text by zero-based
 *       character (a one-character text, counting code points); a negative or too large index reads
 *       as {@code NULL}. A map by key: the display text of the index, found like a member. Indexing
 *       {@code NULL} or with a {@code NULL} index gives {@code NULL}; indexing a number or boolean
 *       fails.
 *   <li><b>Templates</b> concatenate the display texts of their parts. List and map literals build
 *       values; a repeated map key keeps the last value.
 *   <li><b>{@code IS NULL}</b> is true for {@code NULL} only (not for {@code ""}).
 *   <li><b>Functions</b> are looked up by upper-case name, their arity checked; a function's
 *       {@link IllegalArgumentException} becomes an {@link EvaluationException} naming the call.
 *       {@code IIF(c, a, b)} (whose implementation is {@link #CONDITIONAL}) evaluates only the
 *       branch it returns, so {@code IIF(n = 0, 0, total / n)} never divides by zero.
 * </ul>
 */
public final class Evaluator {

    /**
     * The implementation of {@code IIF(condition, then, else)}. When a function has this
     * implementation, the evaluator evaluates the condition first and then only the chosen branch;
     * called directly, it picks among evaluated arguments.
     */
    public static final PureFunction CONDITIONAL =
            (arguments, environment) -> arguments.get(0).isTruthy() ? arguments.get(1) : arguments.get(2);

    private final Map<String, FunctionDefinition> functions;
    private final PureFunction.Environment environment;

    /**
     * Creates an evaluator.
     *
     * @param functions the callable functions (built-in and from plugins) by name; names are matched
     *     in upper case
     * @param environment the clock and random generator functions may read
     */
    public Evaluator(Map<String, FunctionDefinition> functions, PureFunction.Environment environment) {
        requireNonNull(functions, "functions is null");
        this.environment = requireNonNull(environment, "environment is null");
        this.functions = new HashMap<>(functions.size() * 2);
        functions.forEach((name, definition) -> this.functions.put(
                name.toUpperCase(Locale.ROOT), requireNonNull(definition, "function " + name + " is null")));
    }

    /**
     * Evaluates an expression of a script.
     *
     * @param expression the expression with its source text and span
     * @param variables the variables it reads
     * @return the value, never {@code null}
     * @throws EvaluationException when it cannot be evaluated; it names the failing part, the
     *     expression text and its span
     */
    public Value evaluate(Expression expression, Variables variables) {
        try {
            return eval(expression.tree(), variables);
        } catch (EvaluationException e) {
            throw e.locate(expression.text(), Optional.of(expression.span()));
        }
    }

    /**
     * Evaluates an expression tree with no source attached.
     *
     * @param expr the expression
     * @param variables the variables it reads
     * @return the value, never {@code null}
     * @throws EvaluationException when it cannot be evaluated; the message names the expression as
     *     rendered by {@link ExprText}
     */
    public Value evaluate(Expr expr, Variables variables) {
        try {
            return eval(expr, variables);
        } catch (EvaluationException e) {
            throw e.locate(ExprText.render(expr), Optional.empty());
        }
    }

    private Value eval(Expr expr, Variables variables) {
        return switch (expr) {
            case Expr.Literal literal -> literal.value();
            case Expr.Variable variable -> variables.get(variable.name());
            case Expr.Binary binary -> binary(binary, variables);
            case Expr.Member member -> member(member, eval(member.target(), variables));
            case Expr.Index index -> index(index, eval(index.target(), variables), eval(index.index(), variables));
            case Expr.Call call -> call(call, variables);
            case Expr.Unary unary -> unary(unary, eval(unary.operand(), variables));
            case Expr.ListLiteral list -> {
                List<Expr> elements = list.elements();
                Value[] values = new Value[elements.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = eval(elements.get(i), variables);
                }
                yield new ListValue(List.of(values));
            }
            case Expr.MapLiteral map -> {
                Map<String, Value> entries = new LinkedHashMap<>();
                for (Expr.MapEntry entry : map.entries()) {
                    entries.put(entry.key(), eval(entry.value(), variables));
                }
                yield new MapValue(entries);
            }
            case Expr.Template template -> {
                StringBuilder text = new StringBuilder();
                for (Expr part : template.parts()) {
                    text.append(eval(part, variables).display());
                }
                yield new TextValue(text.toString());
            }
        };
    }

    // ---- operators --------------------------------------------------------------------------

    private Value binary(Expr.Binary binary, Variables variables) {
        Expr.BinaryOperator operator = binary.operator();
        if (operator == Expr.BinaryOperator.AND) {
            return BooleanValue.of(eval(binary.left(), variables).isTruthy()
                    && eval(binary.right(), variables).isTruthy());
        }
        if (operator == Expr.BinaryOperator.OR) {
            return BooleanValue.of(eval(binary.left(), variables).isTruthy()
                    || eval(binary.right(), variables).isTruthy());
        }
        Value left = eval(binary.left(), variables);
        Value right = eval(binary.right(), variables);
        if (left instanceof IntegerValue a && right instanceof IntegerValue b) {
            Value fast = integers(operator, a.value(), b.value());
            if (fast != null) {
                return fast;
            }
        }
        return switch (operator) {
            case OR, AND -> throw new AssertionError("handled above");
            case EQUAL -> BooleanValue.of(equal(left, right));
            case NOT_EQUAL -> BooleanValue.of(!equal(left, right));
            case LESS -> BooleanValue.of(order(binary, left, right) < 0);
            case LESS_OR_EQUAL -> BooleanValue.of(order(binary, left, right) <= 0);
            case GREATER -> BooleanValue.of(order(binary, left, right) > 0);
            case GREATER_OR_EQUAL -> BooleanValue.of(order(binary, left, right) >= 0);
            case ADD -> add(binary, left, right);
            case CONCAT -> new TextValue(left.display().concat(right.display()));
            case SUBTRACT, MULTIPLY, DIVIDE, INTEGER_DIVIDE, MODULO, POWER ->
                arithmetic(binary, operand(binary, "left", left), operand(binary, "right", right));
        };
    }

    /** The common case of two longs, without overflow; {@code null} when the slow path must run. */
    private static Value integers(Expr.BinaryOperator operator, long a, long b) {
        switch (operator) {
            case ADD -> {
                long result = a + b;
                return ((a ^ result) & (b ^ result)) < 0 ? null : IntegerValue.of(result);
            }
            case SUBTRACT -> {
                long result = a - b;
                return ((a ^ b) & (a ^ result)) < 0 ? null : IntegerValue.of(result);
            }
            case MULTIPLY -> {
                long high = Math.multiplyHigh(a, b);
                long low = a * b;
                return (high == 0 && low >= 0) || (high == -1 && low < 0) ? IntegerValue.of(low) : null;
            }
            case EQUAL -> {
                return BooleanValue.of(a == b);
            }
            case NOT_EQUAL -> {
                return BooleanValue.of(a != b);
            }
            case LESS -> {
                return BooleanValue.of(a < b);
            }
            case LESS_OR_EQUAL -> {
                return BooleanValue.of(a <= b);
            }
            case GREATER -> {
                return BooleanValue.of(a > b);
            }
            case GREATER_OR_EQUAL -> {
                return BooleanValue.of(a >= b);
            }
            default -> {
                return null;
            }
        }
    }

    private static Value add(Expr.Binary binary, Value left, Value right) {
        if (left instanceof TextValue || right instanceof TextValue) {
            return new TextValue(left.display().concat(right.display()));
        }
        if (left instanceof ListValue a && right instanceof ListValue b) {
            List<Value> joined =
                    new ArrayList<>(a.elements().size() + b.elements().size());
            joined.addAll(a.elements());
            joined.addAll(b.elements());
            return new ListValue(joined);
        }
        if (left instanceof MapValue a && right instanceof MapValue b) {
            MapValue merged = a;
            for (Map.Entry<String, Value> entry : b.entries().entrySet()) {
                merged = merged.with(entry.getKey(), entry.getValue());
            }
            return merged;
        }
        if (left == NullValue.NULL && (right instanceof ListValue || right instanceof MapValue)) {
            return right;
        }
        if (right == NullValue.NULL && (left instanceof ListValue || left instanceof MapValue)) {
            return left;
        }
        if (left instanceof ListValue || right instanceof ListValue) {
            throw new EvaluationException("cannot add " + Values.describe(left) + " and " + Values.describe(right)
                    + " in '" + ExprText.render(binary) + "'; to append an element write list + [element]");
        }
        return arithmetic(binary, operand(binary, "left", left), operand(binary, "right", right));
    }

    private static NumberValue operand(Expr.Binary binary, String side, Value value) {
        if (value instanceof NumberValue number) {
            return number;
        }
        Optional<NumberValue> number = Values.asNumber(value);
        if (number.isPresent()) {
            return number.get();
        }
        String operator = ExprText.symbol(binary.operator());
        Expr operandExpr = side.equals("left") ? binary.left() : binary.right();
        throw new EvaluationException("'" + operator + "' needs numbers, but its " + side + " operand '"
                + ExprText.render(operandExpr) + "' is " + Values.describe(value) + " in '"
                + ExprText.render(binary) + "'");
    }

    private static Value arithmetic(Expr.Binary binary, NumberValue left, NumberValue right) {
        try {
            return switch (binary.operator()) {
                case ADD -> Values.add(left, right);
                case SUBTRACT -> Values.subtract(left, right);
                case MULTIPLY -> Values.multiply(left, right);
                case DIVIDE -> Values.divide(left, right);
                case INTEGER_DIVIDE -> Values.integerDivide(left, right);
                case MODULO -> Values.modulo(left, right);
                case POWER -> Values.power(left, right);
                case OR, AND, EQUAL, NOT_EQUAL, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL, CONCAT ->
                    throw new AssertionError(binary.operator() + " is not arithmetic");
            };
        } catch (ArithmeticException e) {
            throw new EvaluationException(
                    e.getMessage() + " in '" + ExprText.render(binary) + "'", "", Optional.empty(), e);
        }
    }

    private static int order(Expr.Binary binary, Value left, Value right) {
        int result = orderOrIncomparable(left, right);
        if (result == INCOMPARABLE) {
            throw new EvaluationException("cannot order " + Values.describe(left) + " and " + Values.describe(right)
                    + " in '" + ExprText.render(binary) + "'");
        }
        return result;
    }

    private static Value unary(Expr.Unary unary, Value operand) {
        return switch (unary.operator()) {
            case NOT -> BooleanValue.of(!operand.isTruthy());
            case IS_NULL -> BooleanValue.of(operand == NullValue.NULL);
            case IS_NOT_NULL -> BooleanValue.of(operand != NullValue.NULL);
            case NEGATE -> {
                Optional<NumberValue> number = Values.asNumber(operand);
                if (number.isEmpty()) {
                    throw new EvaluationException("'-' needs a number, but '" + ExprText.render(unary.operand())
                            + "' is " + Values.describe(operand) + " in '" + ExprText.render(unary) + "'");
                }
                yield Values.negate(number.get());
            }
        };
    }

    // ---- member access and indexing ---------------------------------------------------------

    private static Value member(Expr.Member member, Value target) {
        String name = member.name();
        return switch (target) {
            case MapValue map -> map.find(name).orElse(NullValue.NULL);
            case NullValue ignored -> NullValue.NULL;
            case ListValue list -> {
                if (isLengthName(name, true)) {
                    yield IntegerValue.of(list.elements().size());
                }
                throw noMember(member, target);
            }
            case TextValue text -> {
                if (isLengthName(name, false)) {
                    yield IntegerValue.of(
                            text.value().codePointCount(0, text.value().length()));
                }
                throw noMember(member, target);
            }
            case NumberValue ignored -> throw noMember(member, target);
            case BooleanValue ignored -> throw noMember(member, target);
        };
    }

    private static boolean isLengthName(String name, boolean list) {
        return name.equalsIgnoreCase("length")
                || (list && (name.equalsIgnoreCase("count") || name.equalsIgnoreCase("size")));
    }

    private static EvaluationException noMember(Expr.Member member, Value target) {
        String hint = target instanceof ListValue
                ? "; a list has only length, count and size"
                : target instanceof TextValue ? "; a text has only length" : "";
        return new EvaluationException("cannot read member '" + member.name() + "' of '"
                + ExprText.render(member.target()) + "', which is " + Values.describe(target) + ", not a map"
                + hint + ", in '" + ExprText.render(member) + "'");
    }

    private static Value index(Expr.Index index, Value target, Value key) {
        if (target == NullValue.NULL || key == NullValue.NULL) {
            return NullValue.NULL;
        }
        return switch (target) {
            case ListValue list -> {
                long position = position(index, key);
                yield position >= 0 && position < list.elements().size()
                        ? list.elements().get((int) position)
                        : NullValue.NULL;
            }
            case TextValue text -> {
                long position = position(index, key);
                String value = text.value();
                yield position >= 0 && position < value.codePointCount(0, value.length())
                        ? new TextValue(
                                Character.toString(value.codePointAt(value.offsetByCodePoints(0, (int) position))))
                        : NullValue.NULL;
            }
            case MapValue map -> {
                if (key instanceof ListValue || key instanceof MapValue) {
                    throw new EvaluationException("a map key must be a text or a number, but '"
                            + ExprText.render(index.index()) + "' is " + Values.describe(key) + " in '"
                            + ExprText.render(index) + "'");
                }
                yield map.find(key.display()).orElse(NullValue.NULL);
            }
            case NullValue ignored -> NullValue.NULL;
            case NumberValue ignored -> throw notIndexable(index, target);
            case BooleanValue ignored -> throw notIndexable(index, target);
        };
    }

    private static long position(Expr.Index index, Value key) {
        Optional<Long> position = Values.asPosition(key);
        if (position.isPresent()) {
            return position.get();
        }
        throw new EvaluationException("an index must be a whole number, but '" + ExprText.render(index.index())
                + "' is " + Values.describe(key) + " in '" + ExprText.render(index) + "'");
    }

    private static EvaluationException notIndexable(Expr.Index index, Value target) {
        return new EvaluationException("cannot index '" + ExprText.render(index.target()) + "', which is "
                + Values.describe(target) + ", not a list, map or text, in '" + ExprText.render(index) + "'");
    }

    // ---- function calls ---------------------------------------------------------------------

    private Value call(Expr.Call call, Variables variables) {
        FunctionDefinition function = functions.get(call.function());
        if (function == null) {
            throw new EvaluationException("unknown function " + call.function() + " in '" + ExprText.render(call)
                    + "'; no built-in or installed plugin provides it");
        }
        List<Expr> arguments = call.arguments();
        int count = arguments.size();
        if (count < function.minimumArguments() || count > function.maximumArguments()) {
            throw new EvaluationException(function.name() + " takes " + arity(function) + ", but got " + count + " in '"
                    + ExprText.render(call) + "'");
        }
        if (function.implementation() == CONDITIONAL && count == 3) {
            return eval(arguments.get(0), variables).isTruthy()
                    ? eval(arguments.get(1), variables)
                    : eval(arguments.get(2), variables);
        }
        List<Value> values = switch (count) {
            case 0 -> List.of();
            case 1 -> List.of(eval(arguments.get(0), variables));
            case 2 -> List.of(eval(arguments.get(0), variables), eval(arguments.get(1), variables));
            default -> {
                Value[] array = new Value[count];
                for (int i = 0; i < count; i++) {
                    array[i] = eval(arguments.get(i), variables);
                }
                yield List.of(array);
            }
        };
        Value result;
        try {
            result = function.implementation().apply(values, environment);
        } catch (EvaluationException e) {
            throw e;
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new EvaluationException(
                    e.getMessage() + " in '" + ExprText.render(call) + "'", "", Optional.empty(), e);
        } catch (RuntimeException e) {
            throw new EvaluationException(
                    "function " + function.name() + " failed (" + e + ") in '" + ExprText.render(call) + "'",
                    "",
                    Optional.empty(),
                    e);
        }
        if (result == null) {
            throw new EvaluationException(
                    "function " + function.name() + " returned no value in '" + ExprText.render(call) + "'");
        }
        return result;
    }

    private static String arity(FunctionDefinition function) {
        int min = function.minimumArguments();
        int max = function.maximumArguments();
        if (min == max) {
            return min == 1 ? "1 argument" : min + " arguments";
        }
        if (max == Integer.MAX_VALUE) {
            return "at least " + min + (min == 1 ? " argument" : " arguments");
        }
        return min + " to " + max + " arguments";
    }

    // ---- equality and ordering --------------------------------------------------------------

    private static final int INCOMPARABLE = Integer.MIN_VALUE;

    /**
     * The semantics of {@code =} (and, negated, {@code <>}):
     *
     * <ul>
     *   <li>numbers compare by value: {@code 1 = 1.0};
     *   <li>a number and a text compare by value when the text is a number: {@code "3" = 3},
     *       {@code " 3.0 " = 3} (so {@code HEAR} input compares with numbers); otherwise unequal;
     *   <li>texts compare exactly, case-sensitive: {@code "a" <> "A"};
     *   <li>{@code NULL} equals {@code NULL} and the empty text {@code ""} (both mean "no value":
     *       {@code IF email = "" THEN} catches a missing member too), and nothing else: {@code NULL
     *       <> 0}, {@code NULL <> FALSE}, {@code NULL <> []};
     *   <li>booleans equal booleans only ({@code TRUE <> 1}, {@code TRUE <> "true"});
     *   <li>lists are equal when they have the same length and equal elements in order; maps when
     *       they have the same keys (exactly) with equal values, in any order; both by these rules.
     * </ul>
     *
     * @param left the left value
     * @param right the right value
     * @return whether they are equal
     */
    public static boolean equal(Value left, Value right) {
        if (left == right) {
            return true;
        }
        return switch (left) {
            case NullValue ignored ->
                right instanceof TextValue text && text.value().isEmpty();
            case BooleanValue bool -> right instanceof BooleanValue other && bool.value() == other.value();
            case NumberValue number ->
                switch (right) {
                    case NumberValue other -> Values.compareNumbers(number, other) == 0;
                    case TextValue text -> numericEqual(number, text);
                    default -> false;
                };
            case TextValue text ->
                switch (right) {
                    case TextValue other -> text.value().equals(other.value());
                    case NumberValue number -> numericEqual(number, text);
                    case NullValue ignored -> text.value().isEmpty();
                    default -> false;
                };
            case ListValue list -> right instanceof ListValue other && listsEqual(list, other);
            case MapValue map -> right instanceof MapValue other && mapsEqual(map, other);
        };
    }

    private static boolean numericEqual(NumberValue number, TextValue text) {
        Optional<NumberValue> parsed = Values.parseNumber(text.value());
        return parsed.isPresent() && Values.compareNumbers(number, parsed.get()) == 0;
    }

    private static boolean listsEqual(ListValue left, ListValue right) {
        List<Value> a = left.elements();
        List<Value> b = right.elements();
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!equal(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean mapsEqual(MapValue left, MapValue right) {
        Map<String, Value> a = left.entries();
        Map<String, Value> b = right.entries();
        if (a.size() != b.size()) {
            return false;
        }
        for (Map.Entry<String, Value> entry : a.entrySet()) {
            Value other = b.get(entry.getKey());
            if (other == null || !equal(entry.getValue(), other)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The semantics of {@code < <= > >=}:
     *
     * <ul>
     *   <li>numbers by value;
     *   <li>a number and a numeric text by value ({@code "10" > 9});
     *   <li>two texts lexicographically by UTF-16 code unit, case-sensitive ({@code "B" < "a"}; ISO
     *       dates {@code "2026-01-31" < "2026-02-01"} order correctly);
     *   <li>{@code NULL} counts as {@code 0} beside a number, as {@code ""} beside a text, and
     *       equals {@code NULL};
     *   <li>booleans: {@code FALSE < TRUE}.
     * </ul>
     *
     * Anything else (a list, a map, a boolean beside another kind, a non-numeric text beside a
     * number) cannot be ordered.
     *
     * @param left the left value
     * @param right the right value
     * @return negative, zero or positive as {@code left} is less than, equal to or greater than
     *     {@code right}
     * @throws EvaluationException when the two values cannot be ordered
     */
    public static int compare(Value left, Value right) {
        int result = orderOrIncomparable(left, right);
        if (result == INCOMPARABLE) {
            throw new EvaluationException("cannot order " + Values.describe(left) + " and " + Values.describe(right));
        }
        return result;
    }

    private static int orderOrIncomparable(Value left, Value right) {
        return switch (left) {
            case NumberValue number ->
                switch (right) {
                    case NumberValue other -> Values.compareNumbers(number, other);
                    case NullValue ignored -> Values.compareNumbers(number, IntegerValue.ZERO);
                    case TextValue text ->
                        Values.parseNumber(text.value())
                                .map(other -> Values.compareNumbers(number, other))
                                .orElse(INCOMPARABLE);
                    default -> INCOMPARABLE;
                };
            case TextValue text ->
                switch (right) {
                    case TextValue other -> Integer.signum(text.value().compareTo(other.value()));
                    case NullValue ignored -> text.value().isEmpty() ? 0 : 1;
                    case NumberValue number -> {
                        int reversed = orderOrIncomparable(number, text);
                        yield reversed == INCOMPARABLE ? INCOMPARABLE : -reversed;
                    }
                    default -> INCOMPARABLE;
                };
            case NullValue ignored ->
                switch (right) {
                    case NullValue other -> 0;
                    case NumberValue number -> Values.compareNumbers(IntegerValue.ZERO, number);
                    case TextValue text -> text.value().isEmpty() ? 0 : -1;
                    default -> INCOMPARABLE;
                };
            case BooleanValue bool ->
                right instanceof BooleanValue other ? Boolean.compare(bool.value(), other.value()) : INCOMPARABLE;
            case ListValue ignored -> INCOMPARABLE;
            case MapValue ignored -> INCOMPARABLE;
        };
    }
}
