package io.basicflow.compiler.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleExpressionTest {

    /** The reference's quick-reference table (keyword-set-schedule.md), and its other forms. */
    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "every minute|* * * * *",
                "every 5 minutes|*/5 * * * *",
                "every 15 minutes|*/15 * * * *",
                "every hour|0 * * * *",
                "hourly|0 * * * *",
                "every 2 hours|0 */2 * * *",
                "every day|0 0 * * *",
                "daily|0 0 * * *",
                "at 9am|0 9 * * *",
                "at 9:30am|30 9 * * *",
                "at 2pm|0 14 * * *",
                "at 14:00|0 14 * * *",
                "at 12am|0 0 * * *",
                "at noon|0 12 * * *",
                "at midnight|0 0 * * *",
                "every monday|0 0 * * 1",
                "every sunday|0 0 * * 0",
                "every monday at 9am|0 9 * * 1",
                "every friday at 5pm|0 17 * * 5",
                "weekdays|0 0 * * 1-5",
                "every weekday|0 0 * * 1-5",
                "weekdays at 8am|0 8 * * 1-5",
                "weekends|0 0 * * 0,6",
                "weekends at 10am|0 10 * * 0,6",
                "every week|0 0 * * 0",
                "weekly|0 0 * * 0",
                "every month|0 0 1 * *",
                "monthly|0 0 1 * *",
                "every year|0 0 1 1 *",
                "every day at 6:30pm|30 18 * * *",
                "every hour from 9 to 17|0 9-17 * * *",
                "business hours|0 9-17 * * 1-5",
                "every hour during business hours|0 9-17 * * 1-5",
                "every 30 minutes during business hours|*/30 9-17 * * 1-5",
                "  Every   Monday AT 9AM |0 9 * * 1",
                "0 9-17 * * 1-5|0 9-17 * * 1-5",
                "0  30 22 * * *|0 30 22 * * *",
            })
    void readsTheForm(String text, String cron) {
        assertThat(ScheduleExpression.parse(text).cron().text()).isEqualTo(cron);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "every fortnight|nor a known form",
                "at 13pm|outside 1-12",
                "at 25:00|not a time of day",
                "every 0 minutes|1 to 59 minutes",
                "every 90 minutes|1 to 59 minutes",
                "every hour from 9 to 30|not an hour",
                "''|the schedule is empty",
            })
    void aWrongFormIsRefusedWithTheKnownForms(String text, String message) {
        assertThatThrownBy(() -> ScheduleExpression.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
