package io.basicflow.app.schedules;

import static java.util.Objects.requireNonNull;

import io.basicflow.app.scripts.ScriptInfo;
import io.basicflow.app.scripts.ScriptLibrary;
import io.basicflow.app.scripts.ScriptLibraryException;
import io.basicflow.app.scripts.ScriptSource;
import io.basicflow.compiler.events.EventHandlerDeclaration;
import io.basicflow.compiler.events.RowTriggerDeclaration;
import io.basicflow.compiler.schedule.ScheduleDeclaration;
import io.basicflow.engine.schedule.DeployedSchedule;
import io.basicflow.engine.schedule.EventHandler;
import io.basicflow.engine.schedule.RowHandler;
import io.basicflow.engine.schedule.ScheduleStore;
import io.basicflow.spi.ExecutionScope;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys a scripts folder's schedules: reads every script's {@code SET SCHEDULE} lines and makes
 * them the store's schedules, so a line added starts a schedule and a line removed (or its script
 * deleted) removes it. Each schedule starts the script's text as deployed. Its event handlers ({@code
 * ON "event" … END ON}) and table triggers ({@code ON INSERT OF "table"}) are deployed the same way, with them.
 */
public final class ScheduleDeployment {

    private static final Logger log = LoggerFactory.getLogger(ScheduleDeployment.class);

    private final ScriptLibrary scripts;
    private final ScheduleStore store;
    private final ZoneId zone;

    /**
     * A deployment of a library's schedules.
     *
     * @param scripts the scripts folder
     * @param store the schedules' store
     * @param zone the zone cron fields are read in
     */
    public ScheduleDeployment(ScriptLibrary scripts, ScheduleStore store, ZoneId zone) {
        this.scripts = requireNonNull(scripts, "scripts is null");
        this.store = requireNonNull(store, "store is null");
        this.zone = requireNonNull(zone, "zone is null");
    }

    /**
     * The schedules the folder declares now, each with its first tick after {@code now}.
     *
     * @param now the deployment's time
     * @return the declared schedules, by script
     */
    public List<DeployedSchedule> declared(Instant now) {
        return declared(readAll(), now);
    }

    /**
     * Deploys the folder's schedules and event handlers now, reading each script once.
     *
     * @param now the deployment's time
     * @return the deployed schedules
     */
    public List<DeployedSchedule> deploy(Instant now) {
        List<ScriptSource> sources = readAll();
        List<DeployedSchedule> declared = declared(sources, now);
        store.deploy(declared);
        store.deployHandlers(handlers(sources));
        for (RowHandler missing : store.deployRowHandlers(rowHandlers(sources))) {
            log.warn(
                    "{}:{}: ON {} OF \"{}\" starts nothing yet: bot {} has no table {} (declare it with TABLE …"
                            + " END TABLE, or create it; the trigger is installed at the next deployment that finds"
                            + " it)",
                    missing.script(),
                    missing.line(),
                    missing.operation(),
                    missing.table(),
                    missing.bot(),
                    missing.tableName()
                            .map(name -> missing.schema() + "." + name)
                            .orElse("of that name"));
        }
        return declared;
    }

    /**
     * The event handlers the folder declares now ({@code ON "event" … END ON}), by script.
     *
     * @return the handlers
     */
    public List<EventHandler> handlers() {
        return handlers(readAll());
    }

    /** Every script of the folder, read once per deployment (one that cannot be read is logged and left out). */
    private List<ScriptSource> readAll() {
        List<ScriptSource> sources = new ArrayList<>();
        for (ScriptInfo info : scripts.list().scripts()) {
            try {
                sources.add(scripts.load(info.name()));
            } catch (ScriptLibraryException e) {
                log.warn("schedules: {} cannot be read: {}", info.name(), e.getMessage());
            }
        }
        return sources;
    }

    private List<DeployedSchedule> declared(List<ScriptSource> sources, Instant now) {
        List<DeployedSchedule> declared = new ArrayList<>();
        for (ScriptSource script : sources) {
            for (ScheduleDeclaration declaration :
                    ScheduleDeclaration.declaredIn(script.info().name(), script.source())) {
                declaration
                        .expression()
                        .cron()
                        .next(now, zone)
                        .ifPresent(first -> declared.add(new DeployedSchedule(
                                script.info().name(),
                                declaration.expression().text(),
                                declaration.expression().cron().text(),
                                declaration.line(),
                                script.source(),
                                first)));
            }
        }
        return declared;
    }

    private static List<RowHandler> rowHandlers(List<ScriptSource> sources) {
        List<RowHandler> handlers = new ArrayList<>();
        for (ScriptSource script : sources) {
            for (RowTriggerDeclaration trigger :
                    RowTriggerDeclaration.declaredIn(script.info().name(), script.source())) {
                handlers.add(new RowHandler(
                        script.info().name(),
                        trigger.line(),
                        trigger.operation(),
                        ExecutionScope.botOf(script.info().name()),
                        trigger.table(),
                        trigger.source()));
            }
        }
        return handlers;
    }

    private static List<EventHandler> handlers(List<ScriptSource> sources) {
        List<EventHandler> handlers = new ArrayList<>();
        for (ScriptSource script : sources) {
            for (EventHandlerDeclaration handler :
                    EventHandlerDeclaration.declaredIn(script.info().name(), script.source())) {
                handlers.add(new EventHandler(
                        script.info().name(),
                        handler.line(),
                        handler.event(),
                        ExecutionScope.botOf(script.info().name()),
                        handler.source()));
            }
        }
        return handlers;
    }
}
