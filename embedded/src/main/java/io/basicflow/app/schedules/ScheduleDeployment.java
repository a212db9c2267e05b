package io.basicflow.app.schedules;

import static java.util.Objects.requireNonNull;

import io.basicflow.app.scripts.ScriptInfo;
import io.basicflow.app.scripts.ScriptLibrary;
import io.basicflow.app.scripts.ScriptLibraryException;
import io.basicflow.app.scripts.ScriptSource;
import io.basicflow.compiler.events.EventHandlerDeclaration;
import io.basicflow.compiler.events.FolderEvents;
import io.basicflow.compiler.events.MonitorDeclaration;
import io.basicflow.compiler.events.RowTriggerDeclaration;
import io.basicflow.compiler.schedule.ScheduleDeclaration;
import io.basicflow.engine.schedule.DeployedSchedule;
import io.basicflow.engine.schedule.EventHandler;
import io.basicflow.engine.schedule.RowHandler;
import io.basicflow.engine.schedule.ScheduleStore;
import io.basicflow.persistence.JdbcFolderMonitors;
import io.basicflow.persistence.JdbcMailMonitors;
import io.basicflow.spi.ExecutionScope;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    private final Optional<JdbcMailMonitors> mail;
    private final Optional<JdbcFolderMonitors> folders;

    /**
     * A deployment of a library's schedules.
     *
     * @param scripts the scripts folder
     * @param store the schedules' store
     * @param zone the zone cron fields are read in
     */
    public ScheduleDeployment(ScriptLibrary scripts, ScheduleStore store, ZoneId zone) {
        this(scripts, store, zone, Optional.empty());
    }

    /**
     * A deployment of a library's schedules, triggers and e-mail monitors.
     *
     * @param scripts the scripts folder
     * @param store the schedules' store
     * @param zone the zone cron fields are read in
     * @param mail where the {@code ON EMAIL} monitors go; empty: they are not deployed
     */
    public ScheduleDeployment(
            ScriptLibrary scripts, ScheduleStore store, ZoneId zone, Optional<JdbcMailMonitors> mail) {
        this(scripts, store, zone, mail, Optional.empty());
    }

    /**
     * A deployment of a library's schedules, triggers, e-mail and folder monitors.
     *
     * @param scripts the scripts folder
     * @param store the schedules' store
     * @param zone the zone cron fields are read in
     * @param mail where the {@code ON EMAIL} monitors go; empty: they are not deployed
     * @param folders where the {@code ON CHANGE} monitors go; empty: they are not deployed
     */
    public ScheduleDeployment(
            ScriptLibrary scripts,
            ScheduleStore store,
            ZoneId zone,
            Optional<JdbcMailMonitors> mail,
            Optional<JdbcFolderMonitors> folders) {
        this.scripts = requireNonNull(scripts, "scripts is null");
        this.store = requireNonNull(store, "store is null");
        this.zone = requireNonNull(zone, "zone is null");
        this.mail = requireNonNull(mail, "mail is null");
        this.folders = requireNonNull(folders, "folders is null");
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
        mail.ifPresent(monitors -> monitors.deploy(mailMonitors(sources)));
        folders.ifPresent(monitors -> monitors.deploy(folderMonitors(sources)));
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

    /**
     * The e-mail monitors the folder declares now ({@code ON EMAIL "address" … END ON}), by script.
     *
     * @return the monitors
     */
    public List<JdbcMailMonitors.Declared> mailMonitors() {
        return mailMonitors(readAll());
    }

    private static List<JdbcMailMonitors.Declared> mailMonitors(List<ScriptSource> sources) {
        List<JdbcMailMonitors.Declared> monitors = new ArrayList<>();
        for (ScriptSource script : sources) {
            for (MonitorDeclaration monitor :
                    MonitorDeclaration.declaredIn(script.info().name(), script.source())) {
                if (monitor.kind().equals("EMAIL")) {
                    monitors.add(new JdbcMailMonitors.Declared(
                            script.info().name(),
                            monitor.line(),
                            monitor.target(),
                            monitor.clause("FROM"),
                            monitor.clause("SUBJECT"),
                            monitor.source()));
                }
            }
        }
        return monitors;
    }

    /**
     * The folder monitors the folder declares now ({@code ON CHANGE "path" … END ON}), by script. One whose path
     * leaves the bot's storage folder, names a cloud provider, or whose EVENTS are unknown is logged, naming
     * its script and line, and left out.
     *
     * @return the monitors
     */
    public List<JdbcFolderMonitors.Declared> folderMonitors() {
        return folderMonitors(readAll());
    }

    private static List<JdbcFolderMonitors.Declared> folderMonitors(List<ScriptSource> sources) {
        List<JdbcFolderMonitors.Declared> monitors = new ArrayList<>();
        for (ScriptSource script : sources) {
            for (MonitorDeclaration monitor :
                    MonitorDeclaration.declaredIn(script.info().name(), script.source())) {
                if (!monitor.kind().equals("CHANGE")) {
                    continue;
                }
                Optional<String> problem = FolderEvents.problemOf(monitor.target());
                try {
                    java.util.Set<String> events = FolderEvents.parse(monitor.clause("EVENTS"));
                    if (problem.isEmpty()) {
                        monitors.add(new JdbcFolderMonitors.Declared(
                                script.info().name(),
                                monitor.line(),
                                monitor.target().replace('\\', '/'),
                                events,
                                monitor.source()));
                    }
                } catch (IllegalArgumentException e) {
                    problem = Optional.of(e.getMessage());
                }
                problem.ifPresent(why -> log.error(
                        "{}:{}: ON CHANGE \"{}\" is not deployed: {}",
                        script.info().name(),
                        monitor.line(),
                        monitor.target(),
                        why));
            }
        }
        return monitors;
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
