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
 * PRODUCT and SEARCH PRODUCTS on the bot's products table in a real PostgreSQL, as the store-server
 * scripts use them, direct and durable.
 */
@ExtendWith(PostgresExtension.class)
class ProductsTest {

    static final String CATALOGUE = """
            INSERT "products", #{name: "Red running shoe", category: "Shoes", description: "Light shoe for road running", price: 99.9, is_active: TRUE}
            INSERT "products", #{name: "Blue sandal", category: "Shoes", description: "Summer sandal with red straps", price: 40, is_active: TRUE}
            INSERT "products", #{name: "Red cotton shirt", category: "Shirts", description: "Plain", price: 25, is_active: FALSE}
            INSERT "products", #{name: "Kettle", category: "Kitchen", description: "Steel kettle", price: 30}
            """;

    static final String SCRIPT = CATALOGUE + """
            product = PRODUCT 1
            IF NOT product THEN
                TALK "not found"
            END IF
            TALK product.name + " " + product.price + " " + product.category
            again = PRODUCT "1"
            TALK again.name
            missing = PRODUCT 99
            IF NOT missing THEN TALK "no 99"
            nonsense = PRODUCT "abc"
            IF NOT nonsense THEN TALK "no abc"
            hidden = PRODUCT 3
            TALK hidden.name
            similar = SEARCH PRODUCTS "red shoe", 5
            TALK LEN(similar) + ": " + similar[0].name + ", " + similar[1].name
            one = SEARCH PRODUCTS "SHOES", 1
            TALK LEN(one) + " " + one[0].name
            kitchen = SEARCH PRODUCTS "a kettle for the kitchen"
            TALK kitchen[0].name + " " + LEN(kitchen)
            shirts = SEARCH PRODUCTS "shirt"
            TALK "shirts " + LEN(shirts)
            sneaky = SEARCH PRODUCTS "x' OR 1=1; DROP TABLE products; --"
            TALK "sneaky " + LEN(sneaky)
            nothing = SEARCH PRODUCTS "the"
            RETURN LEN(nothing)
            """;

    static final List<String> MESSAGES = List.of(
            "Red running shoe 99.9 Shoes",
            "Red running shoe",
            "no 99",
            "no abc",
            "Red cotton shirt",
            "2: Red running shoe, Blue sandal",
            "1 Red running shoe",
            "Kettle 1",
            "shirts 0",
            "sneaky 0");

    @Test
    void productsAreReadByIdAndSearchedByTheirWordsDirectAndDurable(TestDatabase database) throws Exception {
        DataEngines.Run direct = DataEngines.direct(database, "shopdirect/start.bas", SCRIPT, List.of());
        assertCompleted(direct);
        assertThat(direct.messages()).containsExactlyElementsOf(MESSAGES);

        try (DurableFixture engine = DataEngines.fixture(database)) {
            DataEngines.Run durable = DataEngines.durable(engine, "shopdurable/start.bas", SCRIPT, Map.of());
            assertCompleted(durable);
            assertThat(durable.messages()).isEqualTo(direct.messages());
        }
        // the words were bound parameters: the table is whole
        assertThat(DataEngines.rows(database, "bot_shopdurable", "products")).hasSize(4);
    }

    @Test
    void textIdsAreComparedAsText(TestDatabase database) {
        DataEngines.Run run = DataEngines.direct(database, "skus/start.bas", """
                SAVE "products", "sku-7", #{name: "Fountain pen", category: "Office"}
                pen = PRODUCT "sku-7"
                TALK pen.name
                none = PRODUCT 7
                IF ISNULL(none) THEN TALK "none"
                """, List.of());
        assertCompleted(run);
        assertThat(run.messages()).containsExactly("Fountain pen", "none");
    }

    @Test
    void aBotWithoutAProductsTableIsToldHowToMakeOne(TestDatabase database) {
        DataEngines.Run product = DataEngines.direct(database, "empty/start.bas", "p = PRODUCT 1\n", List.of());
        assertThat(product.outcome())
                .startsWith("FAILED")
                .contains("PRODUCT: bot empty has no products table")
                .contains("TABLE products");
        DataEngines.Run search =
                DataEngines.direct(database, "empty/start.bas", "p = SEARCH PRODUCTS \"pen\"\n", List.of());
        assertThat(search.outcome()).startsWith("FAILED").contains("SEARCH PRODUCTS: bot empty has no products table");
    }

    @Test
    void wordsAreTheQuerysOwnAndWildcardsAreMatchedAsWritten() {
        assertThat(Products.words("The RED shoe, for the red-carpet!")).containsExactly("red", "shoe", "carpet");
        assertThat(Products.contains("50%_off\\")).isEqualTo("%50\\%\\_off\\\\%");
    }
}
