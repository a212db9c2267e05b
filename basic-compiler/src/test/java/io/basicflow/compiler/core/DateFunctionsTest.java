package io.basicflow.compiler.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.TextValue;
import org.junit.jupiter.api.Test;

/** The fixture's clock reads 2026-11-25 18:09:00 in São Paulo (21:09 UTC). */
class DateFunctionsTest extends FunctionFixture {

    @Test
    void nowAndTodayUseTheClockAndItsZone() {
        assertThat(call("NOW")).isEqualTo(new TextValue("2026-11-25T18:09:00"));
        assertThat(call("TODAY")).isEqualTo(new TextValue("2026-11-25"));
    }

    @Test
    void dateAddAcceptsTheThreeArgumentOrders() {
        assertThat(show("DATEADD", "2026-11-25", "day", 7)).isEqualTo("2026-12-02");
        assertThat(show("DATEADD", "2026-11-25", 1, "yyyy")).isEqualTo("2027-11-25");
        assertThat(show("DATEADD", "month", -1, "2026-03-31")).isEqualTo("2026-02-28");
        assertThat(show("DATEADD", "2026-11-25", "days", "-30")).isEqualTo("2026-10-26");
        assertThat(show("DATEADD", "2026-11-25", "week", 2)).isEqualTo("2026-12-09");
        assertThat(show("DATEADD", "2026-11-25", "q", 1)).isEqualTo("2027-02-25");
        assertThat(show("DATEADD", "2026-11-25", "meses", 2)).isEqualTo("2027-01-25");
    }

    @Test
    void dateAddWithTimeUnitsGivesADateTime() {
        assertThat(show("DATEADD", "2026-11-25", "hour", 3)).isEqualTo("2026-11-25T03:00:00");
        assertThat(show("DATEADD", "2026-11-25T23:30:00", "minute", 45)).isEqualTo("2026-11-26T00:15:00");
        assertThat(show("DATEADD", "2026-11-25T10:00:00", "day", 1)).isEqualTo("2026-11-26T10:00:00");
        assertThat(show("DATEADD", "25/12/2026", "s", 1)).isEqualTo("2026-12-25T00:00:01");
    }

    @Test
    void dateAddRejectsMissingUnitsBadAmountsAndNonDates() {
        assertFails("DATEADD", "2026-11-25", "fortnight", 1).hasMessageContaining("DATEADD needs a unit such as");
        assertFails("DATEADD", "2026-11-25", "day", 1.5).hasMessageContaining("the amount must be a whole number");
        assertFails("DATEADD", "soon", "day", 1)
                .hasMessageContaining("the date must be a date like 2026-11-25 or 2026-11-25T18:09:00, but is the"
                        + " text \"soon\"");
        assertFails("DATEADD", "2026-02-30", "day", 1).hasMessageContaining("the date must be a date");
    }

    @Test
    void dateDiffIsLaterMinusEarlier() {
        assertThat(call("DATEDIFF", "2026-11-25", "2026-11-20", "d")).isEqualTo(IntegerValue.of(5));
        assertThat(call("DATEDIFF", "2026-11-20", "2026-11-25", "day")).isEqualTo(IntegerValue.of(-5));
        assertThat(call("DATEDIFF", "2026-11-25", "2026-11-01")).isEqualTo(IntegerValue.of(24));
        assertThat(call("DATEDIFF", "d", "2026-11-20", "2026-11-25")).isEqualTo(IntegerValue.of(5));
        assertThat(call("DATEDIFF", "yyyy", "1990-11-26", "2026-11-25")).isEqualTo(IntegerValue.of(35));
        assertThat(call("DATEDIFF", "month", "2026-01-31", "2026-03-01")).isEqualTo(IntegerValue.of(1));
        assertThat(call("DATEDIFF", "hour", "2026-11-25", "2026-11-25T18:09:00"))
                .isEqualTo(IntegerValue.of(18));
        assertThat(call("DATEDIFF", "2026-11-25T10:00:00", "2026-11-24T12:00:00", "day"))
                .isEqualTo(IntegerValue.ZERO);
        assertThat(call("DATEDIFF", "quarter", "2026-01-01", "2026-12-31")).isEqualTo(IntegerValue.of(3));
        assertFails("DATEDIFF", "2026-11-25", "2026-11-20", "eons").hasMessageContaining("the unit must be one of");
    }

    @Test
    void daysBetweenIsEndMinusStart() {
        assertThat(call("DAYS_BETWEEN", "2026-11-01", "2026-11-25")).isEqualTo(IntegerValue.of(24));
        assertThat(call("DAYS_BETWEEN", "2026-11-25T18:09:00", "2026-11-26")).isEqualTo(IntegerValue.ZERO);
    }

    @Test
    void dateValueReadsWhatPeopleWrite() {
        assertThat(show("DATEVALUE", "2026-3-5")).isEqualTo("2026-03-05");
        assertThat(show("DATEVALUE", "05/03/2026")).isEqualTo("2026-03-05");
        assertThat(show("DATEVALUE", "12/25/2026")).isEqualTo("2026-12-25");
        assertThat(show("DATEVALUE", "5 March 2026")).isEqualTo("2026-03-05");
        assertThat(show("DATEVALUE", "tomorrow")).isEqualTo("2026-11-26");
        assertThat(show("DATEVALUE", "2026-11-25T09:00:00Z")).isEqualTo("2026-11-25T06:00:00");
        assertFails("DATEVALUE", "someday").hasMessageContaining("the date must be a date");
    }

    @Test
    void partsOfDates() {
        assertThat(call("YEAR", "2026-11-25")).isEqualTo(IntegerValue.of(2026));
        assertThat(call("MONTH", "2026-11-25T18:09:00")).isEqualTo(IntegerValue.of(11));
        assertThat(call("DAY", "25/12/2026")).isEqualTo(IntegerValue.of(25));
        assertThat(call("HOUR", "2026-11-25T18:09:00")).isEqualTo(IntegerValue.of(18));
        assertThat(call("MINUTE", "2026-11-25 18:09")).isEqualTo(IntegerValue.of(9));
        assertThat(call("HOUR", "21:05")).isEqualTo(IntegerValue.of(21));
        assertThat(call("HOUR", "2026-11-25")).isEqualTo(IntegerValue.ZERO);
        assertFails("YEAR", 2026).hasMessageContaining("the date must be a date");
        assertFails("YEAR", (Object) null).hasMessageContaining("the date must be a date");
    }
}
