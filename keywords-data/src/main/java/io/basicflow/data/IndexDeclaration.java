package io.basicflow.data;

import io.basicflow.spi.KeywordException;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code CREATE INDEX name ON table(column, …)}, as real scripts write it after their {@code TABLE}
 * blocks: an index of a bot's table on its columns, every name a checked identifier. The name may be
 * written bare ({@code idx_po_status}, the scripts' way: the compiler passes the word) or in quotes.
 *
 * @param name the index's name
 * @param table the table
 * @param columns the columns, in order
 */
record IndexDeclaration(String name, String table, List<String> columns) {

    private static final Pattern ON = Pattern.compile("\\s*([^\\s(]+)\\s*\\(([^()]*)\\)\\s*");

    IndexDeclaration {
        columns = List.copyOf(columns);
    }

    /**
     * Reads a call's arguments.
     *
     * @param name the name argument's value (a text when written in quotes)
     * @param names the names the compiler passed for the name argument (the bare word)
     * @param on the text after {@code ON}, as written
     * @return the declaration
     * @throws KeywordException when a part is missing or not a plain identifier
     */
    static IndexDeclaration of(Value name, Value names, Value on) throws KeywordException {
        String written = name instanceof TextValue text && !text.value().isBlank() ? text.value() : bare(names);
        if (written == null) {
            throw KeywordException.permanent(
                    "CREATE INDEX needs the index's name: CREATE INDEX idx_orders_status ON orders(status)");
        }
        String index = Names.index(written);
        String clause = on instanceof TextValue text ? text.value() : "";
        Matcher matcher = ON.matcher(clause);
        if (!matcher.matches()) {
            throw KeywordException.permanent("CREATE INDEX " + index + " needs ON table(column, …), not ON "
                    + clause.strip() + ": e.g. CREATE INDEX " + index + " ON orders(customer_id, status)");
        }
        String table = Names.table(matcher.group(1));
        List<String> columns = new ArrayList<>();
        for (String column : matcher.group(2).split(",")) {
            columns.add(Names.column(column));
        }
        return new IndexDeclaration(index, table, columns);
    }

    private static String bare(Value names) {
        if (names instanceof ListValue list
                && list.elements().size() == 1
                && list.elements().getFirst() instanceof TextValue text
                && !text.value().isEmpty()) {
            return text.value();
        }
        return null;
    }
}
