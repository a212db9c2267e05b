package io.basicflow.compiler.testing;

import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.spi.EffectKind;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.ParameterDefinition;

/**
 * Stand-ins for the plugins the compiler is used with: the built-in functions and input types as
 * LANGUAGE.md lists them, the mail keyword and the tools keywords as their briefs declare them.
 */
public final class TestPlugins {

    private TestPlugins() {}

    /** The built-in functions and HEAR types of LANGUAGE.md. */
    public static TestPlugin builtins() {
        return new TestPlugin("builtins")
                .function("LEN", 1, 1)
                .function("UPPER", 1, 1)
                .function("LOWER", 1, 1)
                .function("TRIM", 1, 1)
                .function("LEFT", 2, 2)
                .function("RIGHT", 2, 2)
                .function("MID", 2, 3)
                .function("INSTR", 2, 3)
                .function("REPLACE", 3, 3)
                .function("SPLIT", 2, 2)
                .function("JOIN", 1, 2)
                .function("CONTAINS", 2, 2)
                .function("CBOOL", 1, 1)
                .function("STARTSWITH", 2, 2)
                .function("VAL", 1, 1)
                .function("STR", 1, 1)
                .function("INT", 1, 1)
                .function("ROUND", 1, 2)
                .function("ABS", 1, 1)
                .function("MIN", 1, Integer.MAX_VALUE)
                .function("MAX", 1, Integer.MAX_VALUE)
                .function("IIF", 3, 3)
                .function("ISEMPTY", 1, 1)
                .function("ISNULL", 1, 1)
                .function("UBOUND", 1, 1)
                .function("FORMAT", 1, 2)
                .function("NOW", 0, 0)
                .function("TODAY", 0, 0)
                .function("DATEADD", 3, 3)
                .function("DATEDIFF", 2, 3)
                .function("RANDOM", 0, 2)
                .function("UUID", 0, 0)
                .inputType("STRING", "TEXT")
                .inputType("INTEGER", "NUMBER")
                .inputType("FLOAT", "DECIMAL")
                .inputType("BOOLEAN")
                .inputType("EMAIL")
                .inputType("DATE")
                .inputType("HOUR", "TIME")
                .inputType("MONEY")
                .inputType("MOBILE", "PHONE")
                .inputType("ZIPCODE")
                .inputType("URL")
                .inputType("UUID")
                .inputType("NAME");
    }

    /** {@code SEND MAIL to, subject, body} as the mail plugin declares it. */
    public static TestPlugin mail() {
        return new TestPlugin("mail")
                .keyword(KeywordDefinition.builder("SEND MAIL")
                        .parameter(ParameterDefinition.required("to", "recipients"))
                        .parameter(ParameterDefinition.required("subject", "subject line"))
                        .parameter(ParameterDefinition.optional("body", "text or HTML; empty when left out"))
                        .description("sends a mail")
                        .build());
    }

    /** {@code USE TOOL}, {@code ADD TOOL}, {@code CLEAR TOOLS} as the tools plugin declares them. */
    public static TestPlugin tools() {
        return new TestPlugin("tools")
                .keyword(KeywordDefinition.builder("USE TOOL")
                        .form(KeywordForm.FUNCTION)
                        .effect(EffectKind.PURE)
                        .parameter(ParameterDefinition.required("tool", "tool name"))
                        .parameter(ParameterDefinition.repeated("arguments", "tool arguments"))
                        .build())
                .keyword(KeywordDefinition.builder("ADD TOOL")
                        .effect(EffectKind.PURE)
                        .parameter(ParameterDefinition.required("tool", "tool name"))
                        .build())
                .keyword(KeywordDefinition.builder("CLEAR TOOLS")
                        .effect(EffectKind.PURE)
                        .build());
    }

    /** Built-ins, mail and tools together. */
    public static KeywordCatalogue standard() {
        return KeywordCatalogue.of(builtins(), mail(), tools());
    }

    /**
     * Keywords of an imaginary data plugin, to test keyword calls: {@code FIND table [WHERE filter]}
     * (function), {@code SAVE table, values…}, {@code SET BOT MEMORY key, value}, {@code GET BOT MEMORY
     * key} (function), {@code CREATE description} (function), {@code LOG [message]}, {@code KB STATISTICS}
     * (function, no arguments).
     */
    public static TestPlugin data() {
        return new TestPlugin("data")
                .keyword(KeywordDefinition.builder("FIND")
                        .form(KeywordForm.FUNCTION)
                        .parameter(ParameterDefinition.required("table", "the table"))
                        .parameter(ParameterDefinition.introducedBy("WHERE", "filter", true, "a condition"))
                        .build())
                .keyword(KeywordDefinition.builder("SAVE")
                        .parameter(ParameterDefinition.required("table", "the table"))
                        .parameter(ParameterDefinition.repeated("values", "the values"))
                        .build())
                .keyword(KeywordDefinition.builder("SET BOT MEMORY")
                        .parameter(ParameterDefinition.required("key", "the key"))
                        .parameter(ParameterDefinition.required("value", "the value"))
                        .build())
                .keyword(KeywordDefinition.builder("REMEMBER")
                        .parameter(ParameterDefinition.required("key", "the key"))
                        .parameter(ParameterDefinition.required("value", "the value"))
                        .parameter(ParameterDefinition.optional("duration", "how long"))
                        .build())
                .keyword(KeywordDefinition.builder("GET BOT MEMORY")
                        .form(KeywordForm.FUNCTION)
                        .parameter(ParameterDefinition.required("key", "the key"))
                        .build())
                .keyword(KeywordDefinition.builder("CREATE")
                        .form(KeywordForm.FUNCTION)
                        .parameter(ParameterDefinition.required("description", "what to create"))
                        .build())
                .keyword(KeywordDefinition.builder("LOG")
                        .effect(EffectKind.PURE)
                        .parameter(ParameterDefinition.optional("message", "what to log"))
                        .build())
                .keyword(KeywordDefinition.builder("KB STATISTICS")
                        .form(KeywordForm.FUNCTION)
                        .effect(EffectKind.PURE)
                        .build())
                .syntax("FIND", io.basicflow.spi.KeywordSyntax.DATA_CLAUSES)
                .syntax("SET BOT MEMORY", io.basicflow.spi.KeywordSyntax.NAME_VALUE)
                .syntax("REMEMBER", io.basicflow.spi.KeywordSyntax.NAME_VALUE);
    }

    /** Built-ins, mail, tools and the data keywords: the catalogue most tests compile with. */
    public static KeywordCatalogue catalogue() {
        return KeywordCatalogue.of(builtins(), mail(), tools(), data());
    }
}
