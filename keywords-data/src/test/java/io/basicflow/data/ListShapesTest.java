package io.basicflow.data;

import static io.basicflow.data.DataEngines.assertCompleted;
import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The list forms of keyword-group-by.md, keyword-pivot.md, keyword-fill.md and the corpus's {@code JOIN
 * orders, customers, "customer_id"}, as golden scripts in a direct and a durable run: same messages.
 * {@code JOIN(list, ", ")} stays the text function.
 */
@ExtendWith(PostgresExtension.class)
class ListShapesTest {

    static final String SCRIPT = """
            sales = [#{region: "North", quarter: "Q1", product: "Widgets", amount: 100}, #{region: "North", quarter: "Q2", product: "Gadgets", amount: 50}, #{region: "South", quarter: "Q1", product: "Widgets", amount: 70}, #{region: "North", quarter: "Q1", product: "Gadgets", amount: 30}]
            grouped = GROUP BY sales, "region"
            FOR EACH g IN grouped
                TALK "Region: " + g.key + " - Count: " + g.count + " first " + g.items[0].amount
            NEXT
            summary = GROUP BY sales, "region", #{total: "SUM(amount)", average: "AVG(amount)", biggest: "MAX(amount)", n: "COUNT(*)"}
            FOR EACH r IN summary
                TALK r.region + ": $" + r.total + " avg " + r.average + " max " + r.biggest + " (" + r.n + " sales)"
            NEXT
            by_rep = GROUP_BY sales, "product"
            TALK "products: " + LEN(by_rep)
            FOR EACH cat IN grouped
                by_quarter = GROUP BY cat.items, "quarter"
                FOR EACH q IN by_quarter
                    TALK "  " + cat.key + "/" + q.key + ": " + q.count
                NEXT
            NEXT
            table = PIVOT sales, "region", "quarter", "amount"
            FOR EACH row IN table
                TALK row.row_header + ": Q1=" + row.Q1 + ", Q2=" + row.Q2
            NEXT
            counts = PIVOT sales, "product", "region", "amount", "COUNT"
            TALK counts[0].product + " north " + counts[0].North + " south " + counts[0].South
            monthly = PIVOT sales, "quarter", "amount"
            TALK monthly[0].row_header + " " + monthly[0].amount + "; " + monthly[1].row_header + " " + monthly[1].amount
            customers = [#{customer_id: 1, name: "Ana"}, #{customer_id: 2, name: "Bruno"}]
            orders = [#{id: 10, customer_id: 2, product_id: "p1"}, #{id: 11, customer_id: 1, product_id: "p2"}, #{id: 12, customer_id: 3, product_id: "p1"}]
            products = [#{product_id: "p1", name: "Lamp"}, #{product_id: "p2", name: "Desk"}]
            with_customers = JOIN orders, customers, "customer_id"
            complete = JOIN with_customers, products, "product_id"
            FOR EACH o IN complete
                TALK o.id + " " + o.name + " bought " + o.joined_name
            NEXT
            TALK JOIN(["a", "b"], "-") + " " + JOIN(["c"])
            letter = FILL "Dear {{name}}, your order {{order.id}} ships on {{date}}.{{#items}} [{{sku}} x{{qty}}]{{/items}}", #{name: "Ana", order: #{id: 42}, date: "2026-12-08", items: [#{sku: "A", qty: 2}, #{sku: "B", qty: 1}]}
            TALK letter
            report = FILL orders, #{"title": "Order {{id}}", "who": "customer {{customer_id}}", "fixed": 7}
            TALK report[2].title + " / " + report[2].who + " / " + report[2].fixed
            po = CREATE OBJECT
            TALK "empty: " + LEN(po)
            SET po.number = "PO-7"
            po.lines = [#{sku: "A"}]
            SET po.total = 12.5
            TALK po.number + " " + po.lines[0].sku + " " + po.total + " (" + LEN(po) + " fields)"
            other = CREATE OBJECT
            TALK "still empty: " + LEN(other)
            """;

    @Test
    void theReferenceListFormsGiveTheSameMessagesDirectAndDurable(TestDatabase database) throws Exception {
        DataEngines.Run direct = DataEngines.direct(database, "shapesdirect/start.bas", SCRIPT, List.of());
        assertCompleted(direct);
        assertThat(direct.messages())
                .containsExactly(
                        "Region: North - Count: 3 first 100",
                        "Region: South - Count: 1 first 70",
                        "North: $180 avg 60 max 100 (3 sales)",
                        "South: $70 avg 70 max 70 (1 sales)",
                        "products: 2",
                        "  North/Q1: 2",
                        "  North/Q2: 1",
                        "  South/Q1: 1",
                        "North: Q1=130, Q2=50",
                        "South: Q1=70, Q2=",
                        "Widgets north 1 south 1",
                        "Q1 200; Q2 50",
                        "10 Bruno bought Lamp",
                        "11 Ana bought Desk",
                        "a-b c",
                        "Dear Ana, your order 42 ships on 2026-12-08. [A x2] [B x1]",
                        "Order 12 / customer 3 / 7",
                        "empty: 0",
                        "PO-7 A 12.5 (3 fields)",
                        "still empty: 0");
        try (DurableFixture engine = DataEngines.fixture(database)) {
            DataEngines.Run durable = DataEngines.durable(engine, "shapesdurable/start.bas", SCRIPT, Map.of());
            assertCompleted(durable);
            assertThat(durable.messages()).isEqualTo(direct.messages());
        }
    }

    @Test
    void aTemplateFileOrRowsThatAreNoMapsFailTheirLineSayingWhatToDo(TestDatabase database) {
        DataEngines.Run file = DataEngines.direct(
                database, "shapeserrors/fill.bas", "x = FILL \"templates/contract.docx\", #{a: 1}\n", List.of());
        assertThat(file.outcome()).startsWith("FAILED shapeserrors/fill.bas:1:").contains("READ");
        DataEngines.Run numbers = DataEngines.direct(
                database, "shapeserrors/group.bas", "numbers = [1, 2]\nx = GROUP BY numbers, \"a\"\n", List.of());
        assertThat(numbers.outcome())
                .startsWith("FAILED shapeserrors/group.bas:2:")
                .contains("rows (maps)");
        DataEngines.Run aggregate = DataEngines.direct(
                database,
                "shapeserrors/aggregate.bas",
                "rows = [#{a: 1}]\nx = GROUP BY rows, \"a\", #{t: \"SUM(a); DROP TABLE x\"}\n",
                List.of());
        assertThat(aggregate.outcome())
                .startsWith("FAILED shapeserrors/aggregate.bas:2:")
                .contains("FUNCTION(column)");
    }
}
