package io.basicflow.app.http;

import io.basicflow.engine.schedule.DeployedSchedule;
import io.basicflow.engine.schedule.RegisteredSchedule;
import io.basicflow.engine.schedule.Schedule;
import io.basicflow.engine.schedule.ScheduleRegistration;
import io.basicflow.engine.schedule.ScheduleStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The schedules of the HTTP tests: deployed in memory, never fired. */
final class InMemorySchedules implements ScheduleStore {

    private final List<Schedule> schedules = new ArrayList<>();

    @Override
    public synchronized void deploy(List<DeployedSchedule> deployed) {
        schedules.clear();
        for (DeployedSchedule s : deployed) {
            schedules.add(new Schedule(
                    s.script(),
                    s.expression(),
                    s.cron(),
                    s.line(),
                    s.source(),
                    s.firstFireAt(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty()));
        }
        schedules.sort(Comparator.comparing(Schedule::script).thenComparing(Schedule::expression));
    }

    @Override
    public synchronized List<Schedule> list() {
        return List.copyOf(schedules);
    }

    private final java.util.Map<String, RegisteredSchedule> registered = new java.util.TreeMap<>();

    @Override
    public synchronized boolean register(ScheduleRegistration registration) {
        return registered.putIfAbsent(
                        registration.id(),
                        new RegisteredSchedule(
                                registration,
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Instant.parse("2026-12-07T08:00:00Z")))
                == null;
    }

    @Override
    public synchronized List<RegisteredSchedule> registered() {
        return List.copyOf(registered.values());
    }

    @Override
    public synchronized boolean unregister(String id) {
        return registered.remove(id) != null;
    }

    @Override
    public int fireDue(Instant now, int limit, Function<Schedule, Fired> fire) {
        throw new UnsupportedOperationException("the HTTP tests fire no schedule");
    }
}
