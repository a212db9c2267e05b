package io.basicflow.compiler.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.TextValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The conversion, character and date functions of General Bots' complete keyword list that basicflow
 * lacked: CSTR CINT CDBL CBOOL CDATE ISDATE ASC CHR SGN LBOUND, SECOND WEEKDAY TIMEVALUE EOMONTH. The
 * fixture's clock reads 2026-11-25 18:09:00 in São Paulo.
 */
class ConversionFunctionsTest extends FunctionFixture {

    @Test
    void conversionsReadNumbersTextsAndBooleans() {
        assertThat(show("CSTR", 2.50)).isEqualTo("2.5");
        assertThat(call("CINT", 2.5)).isEqualTo(IntegerValue.of(2));
        assertThat(call("CINT", 3.5)).isEqualTo(IntegerValue.of(4));
        assertThat(call("CINT", "-7.6")).isEqualTo(IntegerValue.of(-8));
        assertThat(show("CDBL", "3.25")).isEqualTo("3.25");
        assertThat(call("CBOOL", "Yes")).isEqualTo(BooleanValue.TRUE);
        assertThat(call("CBOOL", "false")).isEqualTo(BooleanValue.FALSE);
        assertThat(call("CBOOL", 0)).isEqualTo(BooleanValue.FALSE);
        assertThat(call("CBOOL", "2")).isEqualTo(BooleanValue.TRUE);
        assertThat(call("CBOOL", List.of())).isEqualTo(BooleanValue.FALSE);
        assertThat(call("CBOOL", (Object) null)).isEqualTo(BooleanValue.FALSE);
        assertFails("CBOOL", "maybe").hasMessageContaining("CBOOL needs TRUE, FALSE, a number");
        assertFails("CINT", "ten").hasMessageContaining("the number");
    }

    @Test
    void datesAreReadAsDateValueReadsThemAndGivenAsIsoText() {
        assertThat(show("CDATE", "25/12/2026")).isEqualTo("2026-12-25");
        assertThat(show("CDATE", "2026-03-05 14:30")).isEqualTo("2026-03-05T14:30:00");
        assertThat(show("CDATE", "tomorrow")).isEqualTo("2026-11-26");
        assertFails("CDATE", "someday").hasMessageContaining("the date must be a date");
        assertThat(call("ISDATE", "2026-02-28")).isEqualTo(BooleanValue.TRUE);
        assertThat(call("ISDATE", "2026-02-30")).isEqualTo(BooleanValue.FALSE);
        assertThat(call("ISDATE", 20260228)).isEqualTo(BooleanValue.FALSE);
        assertThat(call("ISDATE", "")).isEqualTo(BooleanValue.FALSE);
    }

    @Test
    void charactersAndSigns() {
        assertThat(call("ASC", "A")).isEqualTo(IntegerValue.of(65));
        assertThat(call("ASC", "ção")).isEqualTo(IntegerValue.of(231));
        assertThat(call("CHR", 65)).isEqualTo(new TextValue("A"));
        assertThat(call("CHR", 128512)).isEqualTo(new TextValue("\uD83D\uDE00"));
        assertThat(call("CHR", 10)).isEqualTo(new TextValue("\n"));
        assertFails("ASC", "").hasMessageContaining("at least one character");
        assertFails("CHR", -1).hasMessageContaining("Unicode code from 0 to 1114111");
        assertFails("CHR", 0xD800).hasMessageContaining("not a surrogate");
        assertThat(call("SGN", -3.2)).isEqualTo(IntegerValue.of(-1));
        assertThat(call("SGN", 0)).isEqualTo(IntegerValue.ZERO);
        assertThat(call("SGN", "12")).isEqualTo(IntegerValue.of(1));
        assertThat(call("LBOUND", List.of(5, 6))).isEqualTo(IntegerValue.ZERO);
        assertFails("LBOUND", Map.of("a", 1)).hasMessageContaining("LBOUND needs a list");
    }

    @Test
    void datePartsTimesAndEndsOfMonths() {
        assertThat(call("SECOND", "2026-11-25T18:09:42")).isEqualTo(IntegerValue.of(42));
        assertThat(call("SECOND", "07:08:09")).isEqualTo(IntegerValue.of(9));
        assertThat(call("WEEKDAY", "2026-11-29")).isEqualTo(IntegerValue.of(1)); // a Sunday
        assertThat(call("WEEKDAY", "2026-11-25")).isEqualTo(IntegerValue.of(4)); // a Wednesday
        assertThat(call("WEEKDAY", "2026-11-28")).isEqualTo(IntegerValue.of(7)); // a Saturday
        assertThat(show("TIMEVALUE", "14:30")).isEqualTo("14:30:00");
        assertThat(show("TIMEVALUE", "2:30 PM")).isEqualTo("14:30:00");
        assertThat(show("TIMEVALUE", "12:05 am")).isEqualTo("00:05:00");
        assertThat(show("TIMEVALUE", "2026-11-25T18:09:07")).isEqualTo("18:09:07");
        assertFails("TIMEVALUE", "25:00").hasMessageContaining("the time must be a time");
        assertFails("TIMEVALUE", "13:00 PM").hasMessageContaining("the time must be a time");
        assertThat(show("EOMONTH", "2026-01-15", 0)).isEqualTo("2026-01-31");
        assertThat(show("EOMONTH", "2026-01-31", 1)).isEqualTo("2026-02-28");
        assertThat(show("EOMONTH", "2028-03-10T10:00:00", -1)).isEqualTo("2028-02-29");
        assertThat(show("EOMONTH", "2026-11-25", 14)).isEqualTo("2028-01-31");
    }
}
