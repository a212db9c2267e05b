package io.basicflow.app.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.basicflow.engine.api.BotNames;
import io.basicflow.engine.schedule.RegisteredSchedule;
import io.basicflow.engine.schedule.Schedule;
import io.basicflow.engine.schedule.ScheduleRegistration;
import io.basicflow.engine.schedule.ScheduleStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.ZoneId;
import java.util.List;

/**
 * {@code GET /schedules}: the deployed {@code SET SCHEDULE} lines with their next fire times, behind
 * the API's token like every route (see docs/schedules.md).
 */
public final class ScheduleEndpoints implements HttpExtension {

    private final ScheduleStore store;
    private final ZoneId zone;

    /**
     * The schedules' routes.
     *
     * @param store the deployed schedules
     * @param zone the zone cron fields are read in, reported beside them
     */
    public ScheduleEndpoints(ScheduleStore store, ZoneId zone) {
        this.store = requireNonNull(store, "store is null");
        this.zone = requireNonNull(zone, "zone is null");
    }

    @Override
    public void routes(RoutesConfig routes) {
        routes.get("/schedules", this::list);
        routes.delete("/schedules/registered/{id}", this::unregister);
    }

    private void list(Context ctx) {
        ObjectNode json = view(store.list(), zone);
        json.set("registered", registeredView(store.registered()));
        Responses.json(ctx, 200, json);
    }

    private void unregister(Context ctx) {
        String id = ctx.pathParam("id");
        if (id.isEmpty() || id.length() > 300) {
            throw ApiProblem.invalid("a registered start's id has 1 to 300 characters");
        }
        if (!store.unregister(id)) {
            throw new ApiProblem(
                    ProblemType.NOT_FOUND,
                    "no start registered at run time has the id '" + id + "' (GET /schedules lists them under"
                            + " registered)");
        }
        ctx.status(204);
    }

    /**
     * The {@code registered} member of {@code GET /schedules}.
     *
     * @param registered the starts registered at run time
     * @return their JSON
     */
    static ArrayNode registeredView(List<RegisteredSchedule> registered) {
        ArrayNode list = Json.array();
        for (RegisteredSchedule item : registered) {
            ScheduleRegistration registration = item.registration();
            ObjectNode json = list.addObject();
            json.put("id", registration.id());
            json.put("script", registration.script());
            json.put("bot", BotNames.botOf(registration.script()).orElse(null));
            json.put("once", registration.once());
            json.put("schedule", registration.expression().orElse(null));
            json.put("cron", registration.cron().orElse(null));
            json.set("variables", Json.parseOrText(registration.variablesJson()));
            json.put("nextFireAt", registration.nextFireAt().toString());
            json.put("lastFiredAt", item.lastFiredAt().map(Object::toString).orElse(null));
            json.put("lastExecutionId", item.lastExecutionId().orElse(null));
            json.put("lastError", item.lastError().orElse(null));
            json.put("registeredBy", registration.registeredBy());
            json.put("registeredAt", item.registeredAt().toString());
        }
        return list;
    }

    /**
     * The JSON of {@code GET /schedules}.
     *
     * @param schedules the deployed schedules
     * @param zone their zone
     * @return {@code {"zone": …, "schedules": [...]}}
     */
    static ObjectNode view(List<Schedule> schedules, ZoneId zone) {
        ObjectNode json = Json.object();
        json.put("zone", zone.getId());
        ArrayNode list = json.putArray("schedules");
        for (Schedule schedule : schedules) {
            ObjectNode item = list.addObject();
            item.put("script", schedule.script());
            item.put("bot", BotNames.botOf(schedule.script()).orElse(null));
            item.put("schedule", schedule.expression());
            item.put("cron", schedule.cron());
            item.put("line", schedule.line());
            item.put("nextFireAt", schedule.nextFireAt().toString());
            item.put("lastFiredAt", schedule.lastFiredAt().map(Object::toString).orElse(null));
            item.put("lastExecutionId", schedule.lastExecutionId().orElse(null));
            item.put("lastError", schedule.lastError().orElse(null));
        }
        return json;
    }
}
