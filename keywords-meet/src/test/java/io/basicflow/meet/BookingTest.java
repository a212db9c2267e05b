package io.basicflow.meet;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.persistence.testing.DurableFixture;
import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * keyword-book.md in our own words: BOOK, BOOK_MEETING and CHECK_AVAILABILITY on the bot's calendar,
 * the same in a direct and a durable run; an overlapping booking fails naming the event it overlaps;
 * the page's time formats.
 */
@ExtendWith(PostgresExtension.class)
class BookingTest {

    static final String CLINIC = """
            a = BOOK "Dentist Appointment", "Annual checkup", "2030-03-15 14:00", 60, "123 Medical Center"
            TALK "booked " + a.title + " " + a.start_time + " to " + a.end_time + " at " + a.location + ", " + a.status
            slots = CHECK_AVAILABILITY "2030-03-15", 60
            TALK LEN(slots) + " free: " + slots[0] + " … " + slots[LEN(slots) - 1]
            details = '{"title": "Sprint Planning", "start_time": "2030-03-15 9:00 AM", "duration": 90, "location": "Main Room", "reminder_minutes": 15}'
            m = BOOK_MEETING details, ["alice@example.com", "bob@example.com"]
            TALK m.title + " " + m.start_time + " to " + m.end_time + " with " + LEN(m.attendees)
            later = CHECK_AVAILABILITY "2030-03-15", 60
            TALK LEN(later) + " free now, first " + later[0]
            """;

    static final List<String> SAID = List.of(
            "booked Dentist Appointment 2030-03-15 14:00 to 2030-03-15 15:00 at 123 Medical Center, Confirmed",
            "12 free: 2030-03-15 09:00 … 2030-03-15 16:00",
            "Sprint Planning 2030-03-15 09:00 to 2030-03-15 10:30 with 2",
            "9 free now, first 2030-03-15 10:30");

    @Test
    void directAndDurableRunsBookTheSameCalendar(TestDatabase database) throws Exception {
        MeetEngines.Run direct = MeetEngines.direct(database, "clinicd/start.bas", CLINIC);
        assertThat(direct.outcome()).as("after %s", direct.messages()).isEqualTo("COMPLETED");
        assertThat(direct.messages()).containsExactlyElementsOf(SAID);
        try (DurableFixture engine = MeetEngines.fixture(database)) {
            MeetEngines.Run durable = MeetEngines.durable(engine, "clinic/start.bas", CLINIC);
            assertThat(durable.outcome()).as("after %s", durable.messages()).isEqualTo("COMPLETED");
            assertThat(durable.messages()).containsExactlyElementsOf(SAID);
        }
        try (Connection connection = MeetEngines.connect(database);
                ResultSet rows = connection
                        .createStatement()
                        .executeQuery("select bot, title, start_at, end_at, attendees::text, reminder_minutes from"
                                + " calendar_events where bot like 'clinic%' order by bot, start_at")) {
            List<String> events = new ArrayList<>();
            while (rows.next()) {
                events.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(5) + " "
                        + rows.getObject(6));
            }
            assertThat(events)
                    .containsExactly(
                            "clinic Sprint Planning [\"alice@example.com\", \"bob@example.com\"] 15",
                            "clinic Dentist Appointment [] null",
                            "clinicd Sprint Planning [\"alice@example.com\", \"bob@example.com\"] 15",
                            "clinicd Dentist Appointment [] null");
        }
    }

    @Test
    void anOverlappingBookingFailsNamingTheEventItOverlaps(TestDatabase database) {
        MeetEngines.Run run = MeetEngines.direct(database, "desk/start.bas", """
                a = BOOK "Team Sync", "Weekly standup", "2030-06-03 10:00", 30, "Room A"
                TALK "booked " + a.start_time
                b = BOOK "Review", "Code review", "2030-06-03 10:15", 30, "Room B"
                TALK "never said"
                """);
        assertThat(run.messages()).containsExactly("booked 2030-06-03 10:00");
        assertThat(run.outcome())
                .isEqualTo(
                        "FAILED desk/start.bas:3:1: BOOK failed: cannot book \"Review\" at 2030-06-03 10:15–10:45: it"
                                + " overlaps \"Team Sync\" (2030-06-03 10:00–10:30); CHECK_AVAILABILITY lists the free times");
        MeetEngines.Run bad =
                MeetEngines.direct(database, "desk/bad.bas", "a = BOOK \"x\", \"\", \"someday\", 30, \"\"\n");
        assertThat(bad.outcome())
                .startsWith("FAILED desk/bad.bas:1:1: BOOK failed: cannot read the start time 'someday'");
    }

    @Test
    void thePagesTimeFormatsAreRead() {
        LocalDate friday = LocalDate.of(2024, 3, 15);
        assertThat(CalendarTimes.dateTime("2024-03-15T14:00:00", friday))
                .contains(LocalDateTime.of(2024, 3, 15, 14, 0));
        assertThat(CalendarTimes.dateTime("2024-03-15 14:00", friday)).contains(LocalDateTime.of(2024, 3, 15, 14, 0));
        assertThat(CalendarTimes.dateTime("2024-03-15 2:00 PM", friday)).contains(LocalDateTime.of(2024, 3, 15, 14, 0));
        assertThat(CalendarTimes.dateTime("tomorrow 10:00", friday)).contains(LocalDateTime.of(2024, 3, 16, 10, 0));
        assertThat(CalendarTimes.dateTime("Monday 09:00", friday)).contains(LocalDateTime.of(2024, 3, 18, 9, 0));
        assertThat(CalendarTimes.dateTime("next Tuesday 09:00", friday)).contains(LocalDateTime.of(2024, 3, 19, 9, 0));
        assertThat(CalendarTimes.dateTime("Friday 12:00 am", friday)).contains(LocalDateTime.of(2024, 3, 22, 0, 0));
        assertThat(CalendarTimes.dateTime("Monday 10", friday)).isEmpty();
        assertThat(CalendarTimes.dateTime("2024-03-15 25:00", friday)).isEmpty();
        assertThat(CalendarTimes.date("today", friday)).contains(friday);
        assertThat(CalendarTimes.date("2024-04-01", friday)).contains(LocalDate.of(2024, 4, 1));
    }
}
