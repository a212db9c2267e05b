package io.basicflow.app.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.basicflow.engine.api.BotNames;
import io.basicflow.engine.schedule.Schedule;
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
    }

    private void list(Context ctx) {
        Responses.json(ctx, 200, view(store.list(), zone));
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
