package io.basicflow.compiler.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FormatFunctionTest extends FunctionFixture {

    @Test
    void withoutPatternGivesTheDisplayText() {
        assertThat(show("FORMAT", 1234)).isEqualTo("1234");
        assertThat(show("FORMAT", 2.50)).isEqualTo("2.5");
        assertThat(show("FORMAT", (Object) null)).isEmpty();
    }

    @Test
    void numberPatterns() {
        assertThat(show("FORMAT", 1234.5, "#,##0.00")).isEqualTo("1,234.50");
        assertThat(show("FORMAT", 1234567, "#,###")).isEqualTo("1,234,567");
        assertThat(show("FORMAT", 0.5, "#.##")).isEqualTo("0.5");
        assertThat(show("FORMAT", 2, "#.##")).isEqualTo("2");
        assertThat(show("FORMAT", 2.345, "0.00")).isEqualTo("2.35");
        assertThat(show("FORMAT", 7, "000")).isEqualTo("007");
        assertThat(show("FORMAT", 0.256, "0.0%")).isEqualTo("25.6%");
        assertThat(show("FORMAT", 3.25, "+#.#")).isEqualTo("+3.3");
        assertThat(show("FORMAT", -3.25, "+#.#")).isEqualTo("-3.3");
        assertThat(show("FORMAT", "1500", "#,##0")).isEqualTo("1,500");
        assertThat(show("FORMAT", null, "#,##0")).isEqualTo("0");
        assertThat(show("FORMAT", new java.math.BigDecimal("12345678901234567890.125"), "#,##0.00"))
                .isEqualTo("12,345,678,901,234,567,890.13");
    }

    @Test
    void numberPatternsWithALocale() {
        assertThat(show("FORMAT", 1234.5, "#,##0.00", "pt-BR")).isEqualTo("1.234,50");
        assertThat(show("FORMAT", 1234.5, "#,##0.00", "de_DE")).isEqualTo("1.234,50");
        assertFails("FORMAT", 1, "0", "").hasMessageContaining("the locale must be a language tag");
    }

    @Test
    void numberPatternNeedsANumber() {
        assertFails("FORMAT", "abc", "#,##0")
                .hasMessageContaining("the number pattern \"#,##0\" needs a number, but the value is the text \"abc\"");
        assertFails("FORMAT", 1, "#,##0.00.0").hasMessageContaining("is not valid");
    }

    @Test
    void datePatternsInBasicStyle() {
        assertThat(show("FORMAT", "2026-11-25T18:09:05", "YYYYMMDD")).isEqualTo("20261125");
        assertThat(show("FORMAT", "2026-11-25T18:09:05", "DD/MM/YYYY HH:mm")).isEqualTo("25/11/2026 18:09");
        assertThat(show("FORMAT", "2026-11-25T18:09:05", "YYYY-MM-DD HH:mm:ss")).isEqualTo("2026-11-25 18:09:05");
        assertThat(show("FORMAT", "2026-11-25T18:09:05", "yyyy-MM-dd-HHmm")).isEqualTo("2026-11-25-1809");
        assertThat(show("FORMAT", "2026-11-25T18:09:05", "YYYYMMDD_HHmmss")).isEqualTo("20261125_180905");
        assertThat(show("FORMAT", "2026-11-25", "MMMM dd, yyyy")).isEqualTo("November 25, 2026");
        assertThat(show("FORMAT", "2026-11-25", "MMMM yyyy")).isEqualTo("November 2026");
        assertThat(show("FORMAT", "2026-11-25", "yyyy-MM")).isEqualTo("2026-11");
        assertThat(show("FORMAT", "2026-11-25", "dddd, d MMM yy")).isEqualTo("Wednesday, 25 Nov 26");
        assertThat(show("FORMAT", "2026-11-25T18:09:00", "h:mm AM/PM")).isEqualTo("6:09 PM");
        assertThat(show("FORMAT", "2026-11-25T18:09:00", "yyyy-MM-ddTHH:mm")).isEqualTo("2026-11-25T18:09");
        assertThat(show("FORMAT", "2026-11-25", "DD/MM/YYYY HH:mm")).isEqualTo("25/11/2026 00:00");
        assertThat(show("FORMAT", "2026-11-25", "'Week of' d MMMM")).isEqualTo("Week of 25 November");
    }

    @Test
    void datePatternsWithALocaleAndNow() {
        assertThat(show("FORMAT", "2026-11-25", "d 'de' MMMM 'de' yyyy", "pt-BR"))
                .isEqualTo("25 de novembro de 2026");
        String now = show("NOW");
        assertThat(evaluator
                        .evaluate(
                                new io.basicflow.spi.program.Expr.Call(
                                        "FORMAT",
                                        List.of(
                                                new io.basicflow.spi.program.Expr.Call("NOW", List.of()),
                                                new io.basicflow.spi.program.Expr.Literal(
                                                        io.basicflow.spi.value.Value.text("YYYYMMDD")))),
                                io.basicflow.compiler.evaluation.Variables.none())
                        .display())
                .isEqualTo(now.substring(0, 10).replace("-", ""));
    }

    @Test
    void datePatternNeedsADate() {
        assertFails("FORMAT", "not a date", "YYYY-MM-DD")
                .hasMessageContaining("the value to format with \"YYYY-MM-DD\" must be a date");
        assertThat(show("FORMAT", null, "YYYY-MM-DD")).isEmpty();
    }
}
