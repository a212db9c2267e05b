package io.basicflow.data;

import io.basicflow.spi.EffectKind;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.KeywordHandler;
import io.basicflow.spi.KeywordPlugin;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.RetryPolicy;
import io.basicflow.spi.value.MapValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The data keywords that reshape lists in memory, written with commas as General Bots' reference and
 * scripts do: {@code GROUP BY rows, "field"[, aggregates]} (also {@code GROUP_BY}), {@code PIVOT rows,
 * "row", "column", "value"[, "AVG"]} (and {@code PIVOT rows, "row", "value"}), {@code JOIN left, right,
 * "key"} and {@code FILL template, data}; and {@code obj = CREATE OBJECT}, a new empty map (real scripts
 * fill one field by field before a {@code SAVE}). They are {@link EffectKind#PURE}: a step with no effect and no
 * commit of its own, the same in direct and durable runs. {@code FILL template, data TO "path"}, which writes
 * the filled document to the bot's storage, is a declaration of its own and a recorded step.
 *
 * <p>The forms on a bot's table ({@code GROUP BY "sales" ON category}, {@code PIVOT "sales" ROWS …},
 * {@code JOIN "orders" WITH "customers" ON …}) read the table, a recorded read: they are the data
 * plugin's ({@link DataPlugin}), declared at one positional argument, so the compiler picks the
 * declaration by the number of arguments written. {@code JOIN(list, ", ")}, the built-in text function of
 * one or two arguments, is not touched: the keyword takes three.
 */
public final class DataListsPlugin implements KeywordPlugin {

    private final Map<String, Body> bodies = new LinkedHashMap<>();
    private final List<KeywordDefinition> definitions;

    /** Creates the plugin; {@link java.util.ServiceLoader} calls this. */
    public DataListsPlugin() {
        List<KeywordDefinition> all = new java.util.ArrayList<>();
        for (String name : List.of("GROUP BY", "GROUP_BY")) {
            all.add(define(
                    name,
                    "Groups rows by a field: one map per value with key, the field, items, count and the aggregates"
                            + " asked for (#{total: \"SUM(amount)\"}).",
                    i -> ListShapes.groupBy(
                            ListShapes.rows(i.argument("list"), name, "the rows"),
                            text(i, "field", name),
                            i.argument("aggregates"),
                            name),
                    required("list", "the rows (a list of maps)"),
                    required("field", "the field to group by"),
                    optional(
                            "aggregates",
                            "a map of name to \"SUM(column)\", \"AVG(…)\", \"MIN(…)\", \"MAX(…)\", \"COUNT(*)\"")));
        }
        all.add(define(
                "PIVOT",
                "Cross-tabulates rows: one map per value of the row field (row_header), one entry per value of the"
                        + " column field holding the aggregate (default SUM) of the value field.",
                i -> {
                    boolean threeArguments = i.argument("value") instanceof NullValue;
                    return ListShapes.pivot(
                            ListShapes.rows(i.argument("list"), "PIVOT", "the rows"),
                            text(i, "row", "PIVOT"),
                            threeArguments ? null : text(i, "column", "PIVOT"),
                            threeArguments ? text(i, "column", "PIVOT") : text(i, "value", "PIVOT"),
                            i.argument("aggregate") instanceof NullValue ? "SUM" : text(i, "aggregate", "PIVOT"));
                },
                required("list", "the rows (a list of maps)"),
                required("row", "the field whose values are the rows"),
                required("column", "the field whose values are the columns (with three arguments: the value field)"),
                optional("value", "the field to aggregate"),
                optional("aggregate", "SUM, AVG, COUNT, MIN or MAX (default SUM)")));
        all.add(define(
                "JOIN",
                "Joins two lists of rows on a key field: each left row with every right row of an equal key.",
                i -> {
                    String key = text(i, "key", "JOIN");
                    int equal = key.indexOf('=');
                    String leftKey = equal < 0 ? key : key.substring(0, equal).strip();
                    String rightKey = equal < 0 ? key : key.substring(equal + 1).strip();
                    return ListShapes.join(
                            ListShapes.rows(i.argument("left"), "JOIN", "the first list"),
                            ListShapes.rows(i.argument("right"), "JOIN", "the second list"),
                            leftKey,
                            rightKey,
                            "joined_",
                            "JOIN");
                },
                required("left", "the first list of rows"),
                required("right", "the second list of rows"),
                required("key", "the key field both have (or \"left_field=right_field\")")));
        all.add(define(
                "FILL",
                "Fills a template's {{placeholders}} with data: a text (or a map of texts) and a map (or a list of"
                        + " maps, one filled template each).",
                i -> i.argument("output_path") instanceof NullValue
                        ? TemplateFill.fill(i.argument("template"), i.argument("data"))
                        : FillToFile.fill(i),
                fillTemplate(),
                fillData()));
        all.add(fillToDefinition());
        all.add(define(
                "JSON PARSE",
                "The map, list or value a JSON text stands for (x = JSON PARSE text), as PARSE_JSON(text).",
                i -> parseJson(i.argument("text")),
                required("text", "the JSON text (a map or list is returned as it is)")));
        all.add(define(
                "CREATE OBJECT",
                "A new empty map, to fill field by field (obj.name = \"Ana\") and pass to SAVE or INSERT.",
                i -> MapValue.EMPTY));
        this.definitions = List.copyOf(all);
    }

    @Override
    public String name() {
        return "data-lists";
    }

    @Override
    public List<KeywordDefinition> keywords() {
        return definitions;
    }

    /**
     * {@code PARSE_JSON(text)}: the value a JSON text stands for (General Bots' pages parse the JSON their
     * keywords return); a map or a list is already parsed and comes back as it is, {@code NULL} stays
     * {@code NULL}. {@code XML(value[, "root"])}: the value as an XML document ({@link XmlText}).
     */
    @Override
    public List<io.basicflow.spi.FunctionDefinition> functions() {
        return List.of(
                new io.basicflow.spi.FunctionDefinition(
                        "PARSE_JSON",
                        1,
                        1,
                        (arguments, environment) -> parseJson(arguments.getFirst()),
                        "PARSE_JSON(text): the map, list or value a JSON text stands for; a map or list as it is"),
                new io.basicflow.spi.FunctionDefinition(
                        "JSON_PARSE",
                        1,
                        1,
                        (arguments, environment) -> parseJson(arguments.getFirst()),
                        "JSON_PARSE(text): the same as PARSE_JSON(text)"),
                new io.basicflow.spi.FunctionDefinition(
                        "JSON_GET",
                        2,
                        2,
                        (arguments, environment) -> JsonPaths.get(parseJson(arguments.get(0)), arguments.get(1)),
                        "JSON_GET(json, \"path\"): the value at a path (\"name\", \"address.city\","
                                + " \"items[0].sku\") of a JSON text or a map; NULL where the path leads nowhere"),
                new io.basicflow.spi.FunctionDefinition(
                        "XML",
                        1,
                        2,
                        (arguments, environment) -> new TextValue(XmlText.document(
                                arguments.getFirst(),
                                arguments.size() > 1 ? arguments.get(1).display() : XmlText.DEFAULT_ROOT)),
                        "XML(value[, \"root\"]): the value as an XML document: a map's fields as elements, a"
                                + " list's items as <item> elements, texts escaped"));
    }

    private static Value parseJson(Value value) {
        return value instanceof TextValue text ? JsonReader.read(text.value().strip()) : value;
    }

    @Override
    public Optional<KeywordHandler> handler(String keyword) {
        Body body = bodies.get(keyword);
        return body == null ? Optional.empty() : Optional.of(body::run);
    }

    private KeywordDefinition define(String name, String description, Body body, ParameterDefinition... parameters) {
        KeywordDefinition.Builder builder = KeywordDefinition.builder(name)
                .form(KeywordForm.FUNCTION)
                .effect(EffectKind.PURE)
                .retry(RetryPolicy.NONE)
                .description(description);
        for (ParameterDefinition parameter : parameters) {
            builder.parameter(parameter);
        }
        bodies.put(name, body);
        return builder.build();
    }

    private static ParameterDefinition fillTemplate() {
        return required("template", "the template text with {{name}} placeholders, or a map of such texts");
    }

    private static ParameterDefinition fillData() {
        return required("data", "the values: a map, or a list of maps");
    }

    /**
     * {@code FILL template, data TO "path"}: a declaration of its own, told apart from the plain {@code
     * FILL template, data} by its required {@code TO} clause. It writes a file, so it is a recorded
     * step with retries; the plain {@code FILL} stays a pure function with no step of its own. Both run
     * with the one handler of {@code FILL}, which writes only when it is given the path.
     */
    private static KeywordDefinition fillToDefinition() {
        return KeywordDefinition.builder("FILL")
                .form(KeywordForm.FUNCTION)
                .parameter(fillTemplate())
                .parameter(fillData())
                .parameter(ParameterDefinition.introducedBy(
                        "TO",
                        "output_path",
                        false,
                        "the file to write (TO \"invoices/INV-1.txt\"), in the bot's storage; the template may"
                                + " then be a text file of the storage"))
                .effect(EffectKind.IDEMPOTENT_EFFECT)
                .retry(RetryPolicy.DEFAULT)
                .description("Fills a template (a text, or a text file of the bot's storage) with one map of data"
                        + " and writes the filled document to the bot's storage; gives {path, content, size}.")
                .build();
    }

    /** A text argument: a field or function name. */
    static String text(Invocation invocation, String parameter, String keyword) throws KeywordException {
        if (invocation.argument(parameter) instanceof TextValue text
                && !text.value().isBlank()) {
            return text.value().strip();
        }
        throw KeywordException.permanent(
                keyword + " needs the " + parameter + " as a field name in quotes (\"month\"), not "
                        + invocation.argument(parameter).display());
    }

    private static ParameterDefinition required(String name, String description) {
        return ParameterDefinition.required(name, description);
    }

    private static ParameterDefinition optional(String name, String description) {
        return ParameterDefinition.optional(name, description);
    }

    /** What one keyword computes from its arguments. */
    @FunctionalInterface
    private interface Body {
        Value run(Invocation invocation) throws KeywordException;
    }
}
