package io.basicflow.tools;

import static io.basicflow.tools.TestPrograms.choices;
import static io.basicflow.tools.TestPrograms.description;
import static io.basicflow.tools.TestPrograms.param;
import static io.basicflow.tools.TestPrograms.program;

/** Tool signatures shared by the schema tests, built from hand-made programs. */
final class Signatures {

    private Signatures() {}

    static ToolSignature openTicket() {
        return ToolSignature.from(
                "helpdesk/open-ticket",
                program(
                        "helpdesk/open-ticket.bas",
                        param(
                                1,
                                "title",
                                "STRING",
                                "Printer on floor 2 is jammed",
                                "What is wrong, in one line",
                                false),
                        choices(2, "priority", false, "low", "medium", "high"),
                        param(3, "email", "EMAIL", null, "Who to keep informed", true),
                        param(4, "due", "DATE", "2025-03-14", null, true),
                        description(6, "Opens a help desk ticket")));
    }

    static ToolSignature everyType() {
        return ToolSignature.from(
                "every-type",
                program(
                        "every-type.bas",
                        description(1, "One parameter of each type"),
                        param(2, "title", "STRING"),
                        param(3, "notes", "TEXT"),
                        param(4, "customer", "NAME"),
                        param(5, "quantity", "INTEGER"),
                        param(6, "count", "INT"),
                        param(7, "latitude", "NUMBER"),
                        param(8, "ratio", "FLOAT"),
                        param(9, "rate", "DECIMAL"),
                        param(10, "price", "MONEY"),
                        param(11, "urgent", "BOOLEAN"),
                        param(12, "birthday", "DATE"),
                        param(13, "start", "TIME"),
                        param(14, "hour", "HOUR"),
                        param(15, "email", "EMAIL"),
                        param(16, "website", "URL"),
                        param(17, "order_id", "UUID"),
                        param(18, "phone", "PHONE"),
                        param(19, "mobile", "MOBILE"),
                        param(20, "zip", "ZIPCODE"),
                        param(21, "details", "OBJECT"),
                        param(22, "tags", "LIST"),
                        param(23, "document", "QRCODE"),
                        choices(24, "size", false, "small", "large")));
    }

    static ToolSignature bare() {
        return ToolSignature.from("ping", program("ping.bas"));
    }

    static ToolSignature typedExamples() {
        return ToolSignature.from(
                "typed-examples",
                program(
                        "typed-examples.bas",
                        description(1, "Examples take their parameter's type when they fit"),
                        param(2, "quantity", "INTEGER", "3", null, false),
                        param(3, "latitude", "number", "52.52", null, false),
                        param(4, "min_abv", "number", "8.0", null, false),
                        param(5, "urgent", "BOOLEAN", "yes", null, false),
                        param(6, "email", "EMAIL", "Ana.Silva@Example.COM", null, false),
                        param(7, "birthday", "DATE", "23/09/2001", "Birth date", true),
                        param(8, "details", "OBJECT", "{\"plan\": \"pro\", \"seats\": 5}", null, true),
                        param(9, "start", "HOUR", "9:30", null, true)));
    }
}
