package io.basicflow.compiler.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronTest {

    private static Instant next(String cron, String after) {
        return Cron.parse(cron).next(Instant.parse(after), ZoneOffset.UTC).orElseThrow();
    }

    @ParameterizedTest(name = "{0} after {1} is {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "*/15 * * * *|2026-12-07T10:07:30Z|2026-12-07T10:15:00Z",
                "*/15 * * * *|2026-12-07T10:15:00Z|2026-12-07T10:30:00Z",
                "* * * * *|2026-12-07T10:07:30Z|2026-12-07T10:08:00Z",
                "0 * * * *|2026-12-07T23:59:59Z|2026-12-08T00:00:00Z",
                "59 * * * *|2026-12-07T10:59:00Z|2026-12-07T11:59:00Z",
                "0 8,16 * * *|2026-12-07T08:00:00Z|2026-12-07T16:00:00Z",
                "0 9-17 * * 1-5|2026-12-04T17:00:00Z|2026-12-07T09:00:00Z", // Friday 17:00 -> Monday 9:00
                "0 9 * * MON|2026-12-07T09:00:00Z|2026-12-14T09:00:00Z",
                "0 0 1 * *|2026-12-07T00:00:00Z|2027-01-01T00:00:00Z",
                "0 0 29 2 *|2026-03-01T00:00:00Z|2028-02-29T00:00:00Z",
                "0 0 31 * *|2026-04-01T00:00:00Z|2026-05-31T00:00:00Z",
                "0 0 * * 7|2026-12-07T00:00:00Z|2026-12-13T00:00:00Z", // 7 is Sunday
                "0 0 13 * 5|2026-12-07T00:00:00Z|2026-12-11T00:00:00Z", // Friday 11th or the 13th: OR
                "0 0 13 * 5|2026-12-11T00:00:00Z|2026-12-13T00:00:00Z",
                "0 0 1 JAN,jul *|2026-02-01T00:00:00Z|2026-07-01T00:00:00Z",
                "* * * * * *|2026-12-07T10:00:00.400Z|2026-12-07T10:00:01Z", // seconds first
                "1 * * * * *|2026-12-07T10:00:01Z|2026-12-07T10:01:01Z",
                "0 30 22 * * *|2026-12-07T22:30:00Z|2026-12-08T22:30:00Z",
                "0 0 0 */2 * *|2026-12-01T00:00:00Z|2026-12-03T00:00:00Z",
                "0 0 0 */2 * *|2026-12-31T00:00:00Z|2027-01-01T00:00:00Z",
                "*/20 * * * * *|2026-12-07T10:00:41Z|2026-12-07T10:01:00Z",
                "10/20 * * * *|2026-12-07T10:00:00Z|2026-12-07T10:10:00Z",
            })
    void nextFireTime(String cron, String after, String expected) {
        assertThat(next(cron, after)).isEqualTo(Instant.parse(expected));
    }

    @Test
    void fieldsAreReadInTheGivenZone() {
        Cron nineAm = Cron.parse("0 9 * * *");
        ZoneId berlin = ZoneId.of("Europe/Berlin");

        assertThat(nineAm.next(Instant.parse("2026-12-07T00:00:00Z"), berlin))
                .contains(Instant.parse("2026-12-07T08:00:00Z")); // CET is UTC+1
        assertThat(nineAm.next(Instant.parse("2026-07-07T00:00:00Z"), berlin))
                .contains(Instant.parse("2026-07-07T07:00:00Z")); // CEST is UTC+2
    }

    @Test
    void aLocalTimeSkippedByDaylightSavingFiresAtTheGapsEnd() {
        // 2026-03-29: Berlin jumps from 02:00 to 03:00, so 02:30 does not exist that day.
        assertThat(Cron.parse("30 2 * * *").next(Instant.parse("2026-03-28T12:00:00Z"), ZoneId.of("Europe/Berlin")))
                .contains(Instant.parse("2026-03-29T01:30:00Z"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "* * * *|has 4",
                "* * * * * * *|has 7",
                "60 * * * *|the minute field '60' has 60, outside 0-59",
                "* 24 * * *|outside 0-23",
                "* * 0 * *|outside 1-31",
                "* * * 13 *|outside 1-12",
                "* * * * 8|outside 0-7",
                "* * * FOO *|which is not a number or a name such as FEB",
                "5-1 * * * *|ends before it starts",
                "*/0 * * * *|outside 1-60",
                "1,,2 * * * *|empty list item",
                "0 0 30 2 *|never fires",
            })
    void aWrongExpressionSaysWhichFieldAndWhy(String cron, String message) {
        assertThatThrownBy(() -> Cron.parse(cron))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
