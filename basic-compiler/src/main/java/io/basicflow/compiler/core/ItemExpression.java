package io.basicflow.compiler.core;

import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.evaluation.EvaluationException;
import io.basicflow.compiler.evaluation.Evaluator;
import io.basicflow.compiler.evaluation.Values;
import io.basicflow.compiler.parser.ScriptParser;
import io.basicflow.spi.FunctionDefinition;
import io.basicflow.spi.PureFunction;
import io.basicflow.spi.program.Expr;
import io.basicflow.spi.program.Step;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text argument of {@code FILTER} and {@code MAP}: an expression of the element, which is
 * {@code item}, and of a map element's fields by name. The short form {@code field op literal}
 * ({@code "amount>1000"}, {@code "status=active"}) compares a field with a literal, as the General Bots
 * pages write it. Texts are parsed once and kept (a bounded cache); the built-in functions are
 * available, plugin functions are not.
 */
final class ItemExpression {

    private static final Pattern SHORT_FORM =
            Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(>=|<=|<>|!=|==|=|>|<)\\s*([^\\s'\"][^\\s]*)\\s*");
    private static final Pattern FIELD_NAME = Pattern.compile("\\s*[A-Za-z_][A-Za-z0-9_]*\\s*");
    private static final int CACHE_SIZE = 512;
    private static final Map<String, ItemExpression> CACHE = new ConcurrentHashMap<>();
    private static volatile Map<String, FunctionDefinition> functions;

    private final String text;
    private final Expr tree;

    private ItemExpression(String text, Expr tree) {
        this.text = text;
        this.tree = tree;
    }

    /** Whether the text is a bare field name ({@code MAP(users, "name")}). */
    static boolean isFieldName(String text) {
        return FIELD_NAME.matcher(text).matches() && !text.strip().equalsIgnoreCase("item");
    }

    static ItemExpression of(String text) {
        ItemExpression cached = CACHE.get(text);
        if (cached != null) {
            return cached;
        }
        ItemExpression parsed = new ItemExpression(text, parse(text));
        if (CACHE.size() >= CACHE_SIZE) {
            CACHE.clear();
        }
        CACHE.put(text, parsed);
        return parsed;
    }

    Value evaluate(Value element, PureFunction.Environment environment) {
        return evaluate(element, environment, Map.of());
    }

    /**
     * Evaluates for one element; a name the element has no field of is looked up in {@code names} (the
     * script's variables of {@code FILTER list WHERE …}).
     */
    Value evaluate(Value element, PureFunction.Environment environment, Map<String, Value> names) {
        Evaluator evaluator = new Evaluator(functions(), environment);
        try {
            return evaluator.evaluate(tree, name -> {
                if (name.equals("item")) {
                    return element;
                }
                if (names.containsKey(name)
                        && !(element instanceof MapValue map && map.entries().containsKey(name))) {
                    return names.get(name);
                }
                return CollectionFunctions.field(element, name);
            });
        } catch (EvaluationException e) {
            throw new IllegalArgumentException(
                    "\"" + text + "\" cannot be evaluated for " + Values.describe(element) + ": " + e.problem());
        }
    }

    private static Expr parse(String text) {
        Matcher shortForm = SHORT_FORM.matcher(text);
        if (shortForm.matches() && !shortForm.group(1).equalsIgnoreCase("item")) {
            String literal = shortForm.group(3);
            Value value = Values.parseNumber(literal).<Value>map(n -> n).orElse(new TextValue(literal));
            if (literal.equalsIgnoreCase("null")) {
                value = NullValue.NULL;
            }
            return new Expr.Binary(
                    operator(shortForm.group(2)),
                    new Expr.Variable(shortForm.group(1).toLowerCase(java.util.Locale.ROOT)),
                    new Expr.Literal(value));
        }
        ScriptParser.Result result = ScriptParser.parse("expression", "value = " + doubleQuoted(text), catalogue());
        if (result.program().isPresent()
                && result.program().get().body().size() == 1
                && result.program().get().body().getFirst() instanceof Step.Assign assign) {
            return assign.value().tree();
        }
        String problem = result.diagnostics().isEmpty()
                ? "it is not one expression"
                : result.diagnostics().getFirst().message();
        throw new IllegalArgumentException("\"" + text + "\" is not an expression of item: " + problem);
    }

    private static Expr.BinaryOperator operator(String text) {
        return switch (text) {
            case ">=" -> Expr.BinaryOperator.GREATER_OR_EQUAL;
            case "<=" -> Expr.BinaryOperator.LESS_OR_EQUAL;
            case "<>", "!=" -> Expr.BinaryOperator.NOT_EQUAL;
            case ">" -> Expr.BinaryOperator.GREATER;
            case "<" -> Expr.BinaryOperator.LESS;
            default -> Expr.BinaryOperator.EQUAL;
        };
    }

    /** {@code 'pending'} as {@code "pending"}: conditions are written inside a double-quoted text. */
    static String doubleQuoted(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean inDouble = false;
        boolean inSingle = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inSingle) {
                if (c == '\'') {
                    inSingle = false;
                    out.append('"');
                } else if (c == '"') {
                    out.append("\"\"");
                } else {
                    out.append(c);
                }
            } else if (c == '"') {
                inDouble = !inDouble;
                out.append(c);
            } else if (c == '\'' && !inDouble) {
                inSingle = true;
                out.append('"');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static KeywordCatalogue catalogue() {
        return KeywordCatalogue.of(new CorePlugin());
    }

    private static Map<String, FunctionDefinition> functions() {
        Map<String, FunctionDefinition> known = functions;
        if (known == null) {
            known = catalogue().functions();
            functions = known;
        }
        return known;
    }
}
