package io.basicflow.app.schedules;

import static java.util.Objects.requireNonNull;

import io.basicflow.app.config.Configuration;
import io.basicflow.app.config.ConfigurationException;
import io.basicflow.app.config.Setting;
import io.basicflow.app.node.BasicflowNode;
import io.basicflow.app.triggers.FolderMonitorPoller;
import io.basicflow.app.triggers.ImapSettings;
import io.basicflow.app.triggers.MailMonitorPoller;
import io.basicflow.engine.schedule.ScheduleStore;
import io.basicflow.engine.schedule.Scheduler;
import io.basicflow.files.FilesSettings;
import io.basicflow.persistence.JdbcFolderMonitors;
import io.basicflow.persistence.JdbcMailMonitors;
import io.basicflow.persistence.JdbcScheduleStore;
import io.basicflow.spi.ExecutionScope;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's part in the schedules: {@code basicflow serve} deploys its scripts folder's {@code SET
 * SCHEDULE} lines at start and again every {@code basicflow.schedules.rescan-interval}; {@code serve}
 * and {@code worker} run a {@link Scheduler} unless {@code basicflow.schedules.enabled} is false.
 */
public final class NodeSchedules implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NodeSchedules.class);

    private final ScheduleStore store;
    private final ZoneId zone;
    private final Optional<Scheduler> scheduler;
    private final Optional<ScheduledExecutorService> rescans;
    private final Optional<ScheduledExecutorService> mailPolls;
    private final Optional<ScheduledExecutorService> folderPolls;

    private NodeSchedules(
            ScheduleStore store,
            ZoneId zone,
            Optional<Scheduler> scheduler,
            Optional<ScheduledExecutorService> rescans,
            Optional<ScheduledExecutorService> mailPolls,
            Optional<ScheduledExecutorService> folderPolls) {
        this.store = store;
        this.zone = zone;
        this.scheduler = scheduler;
        this.rescans = rescans;
        this.mailPolls = mailPolls;
        this.folderPolls = folderPolls;
    }

    /**
     * Starts a node's schedules.
     *
     * @param node the started node
     * @param configuration the settings
     * @param deploys whether this node deploys its scripts folder's schedules ({@code serve})
     * @return the running schedules
     * @throws ConfigurationException for a wrong zone or interval
     */
    public static NodeSchedules start(BasicflowNode node, Configuration configuration, boolean deploys) {
        requireNonNull(node, "node is null");
        ZoneId zone = zone(configuration);
        Clock clock = Clock.systemUTC();
        ScheduleStore store = new JdbcScheduleStore(node.database());
        Optional<ScheduledExecutorService> rescans = Optional.empty();
        Optional<ScheduledExecutorService> mailPolls = Optional.empty();
        Optional<ScheduledExecutorService> folderPolls = Optional.empty();
        if (deploys) {
            JdbcMailMonitors mail = new JdbcMailMonitors(node.database());
            JdbcFolderMonitors folders = new JdbcFolderMonitors(node.database());
            ScheduleDeployment deployment =
                    new ScheduleDeployment(node.scripts(), store, zone, Optional.of(mail), Optional.of(folders));
            mailPolls = mailPolls(node, configuration, mail, clock);
            folderPolls = folderPolls(node, configuration, folders, clock);
            try {
                int count = deployment.deploy(clock.instant()).size();
                log.info(
                        "{} schedule(s) deployed from {}", count, node.scripts().root());
            } catch (RuntimeException e) {
                // No scripts folder (yet), or it cannot be read: the schedules deployed before stay.
                log.warn(
                        "the schedules of {} are not deployed; those deployed before stay: {}",
                        node.scripts().root(),
                        e.getMessage());
            }
            String rescan = configuration.get(Setting.SCHEDULES_RESCAN_INTERVAL).trim();
            if (!rescan.equals("0")) {
                Duration every = configuration.getDuration(Setting.SCHEDULES_RESCAN_INTERVAL);
                ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread t = new Thread(runnable, "basicflow-schedule-rescan");
                    t.setDaemon(true);
                    return t;
                });
                thread.scheduleWithFixedDelay(
                        () -> {
                            try {
                                deployment.deploy(clock.instant());
                            } catch (RuntimeException e) {
                                log.warn("redeploying the schedules failed; the deployed ones stay: {}", e.toString());
                            }
                        },
                        every.toMillis(),
                        every.toMillis(),
                        TimeUnit.MILLISECONDS);
                rescans = Optional.of(thread);
            }
        }
        Optional<Scheduler> scheduler = Optional.empty();
        if (Boolean.parseBoolean(configuration.get(Setting.SCHEDULES_ENABLED).trim())) {
            scheduler = Optional.of(new Scheduler(
                            store,
                            node.engine(),
                            zone,
                            configuration.getDuration(Setting.SCHEDULES_MISFIRE_GRACE),
                            clock)
                    .start(configuration.getDuration(Setting.SCHEDULES_POLL_INTERVAL)));
        }
        return new NodeSchedules(store, zone, scheduler, rescans, mailPolls, folderPolls);
    }

    /**
     * The poller of the {@code ON EMAIL} monitors' mailboxes ({@code basicflow.triggers.mail-poll-interval}),
     * when an IMAP server is set.
     */
    private static Optional<ScheduledExecutorService> mailPolls(
            BasicflowNode node, Configuration configuration, JdbcMailMonitors mail, Clock clock) {
        ImapSettings imap = ImapSettings.from(configuration);
        String interval = configuration.get(Setting.TRIGGERS_MAIL_POLL_INTERVAL).trim();
        if (interval.equals("0")) {
            return Optional.empty();
        }
        Duration every = configuration.getDuration(Setting.TRIGGERS_MAIL_POLL_INTERVAL);
        if (imap.host().isEmpty()) {
            log.info("no mailbox is read for ON EMAIL: {} is not set", Setting.TRIGGERS_IMAP_HOST.key());
            return Optional.empty();
        }
        long maxFileBytes = configuration.getInt(Setting.FILES_MAX_FILE_BYTES);
        MailMonitorPoller poller = new MailMonitorPoller(mail, imap, drives(node, configuration), maxFileBytes, clock);
        return Optional.of(pollEvery(
                "basicflow-mail-monitors",
                every,
                poller::poll,
                "reading the ON EMAIL mailboxes failed; the next poll tries again"));
    }

    /** The scanner of the {@code ON CHANGE} monitors' folders ({@code basicflow.triggers.folder-poll-interval}). */
    private static Optional<ScheduledExecutorService> folderPolls(
            BasicflowNode node, Configuration configuration, JdbcFolderMonitors folders, Clock clock) {
        String interval =
                configuration.get(Setting.TRIGGERS_FOLDER_POLL_INTERVAL).trim();
        if (interval.equals("0")) {
            return Optional.empty();
        }
        Duration every = configuration.getDuration(Setting.TRIGGERS_FOLDER_POLL_INTERVAL);
        FolderMonitorPoller poller = new FolderMonitorPoller(folders, drives(node, configuration), clock);
        return Optional.of(pollEvery(
                "basicflow-folder-monitors",
                every,
                poller::poll,
                "scanning the ON CHANGE folders failed; the next scan tries again"));
    }

    /**
     * A daemon thread that runs {@code poll} at once and then {@code every} after each run ends; a failed run
     * is logged with {@code failure} and the next one tries again.
     */
    private static ScheduledExecutorService pollEvery(
            String threadName, Duration every, Runnable poll, String failure) {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, threadName);
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(
                () -> {
                    try {
                        poll.run();
                    } catch (RuntimeException e) {
                        log.warn("{}: {}", failure, e.toString());
                    }
                },
                0,
                every.toMillis(),
                TimeUnit.MILLISECONDS);
        return thread;
    }

    /**
     * The storage folder of the bot of a script: {@code <basicflow.files.root>/<bot>.gbai/<bot>.gbdrive}, the
     * scripts folder being the default root, as the file keywords find it.
     *
     * @param node the node
     * @param configuration the settings
     * @return the folder of each script's bot
     */
    public static java.util.function.Function<String, java.nio.file.Path> drives(
            BasicflowNode node, Configuration configuration) {
        String root = configuration.get(Setting.FILES_ROOT).trim();
        FilesSettings files =
                new FilesSettings(root.isEmpty() ? node.scripts().root() : java.nio.file.Path.of(root), 1, 1);
        return script -> files.driveOf(new ExecutionScope(script, ExecutionScope.botOf(script), "", ""));
    }

    /**
     * The zone of {@code basicflow.schedules.zone}.
     *
     * @param configuration the settings
     * @return the zone
     * @throws ConfigurationException naming the setting when it is no zone
     */
    public static ZoneId zone(Configuration configuration) {
        String value = configuration.get(Setting.SCHEDULES_ZONE).trim();
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            throw new ConfigurationException(Setting.SCHEDULES_ZONE.key() + " is '" + value + "' (from "
                    + configuration.source(Setting.SCHEDULES_ZONE.key())
                    + "), which is not a time zone; use UTC, an offset like +02:00, or a region like Europe/Lisbon");
        }
    }

    /**
     * The schedules' store.
     *
     * @return the store
     */
    public ScheduleStore store() {
        return store;
    }

    /**
     * The zone cron fields are read in.
     *
     * @return the zone
     */
    public ZoneId zone() {
        return zone;
    }

    /** Stops deploying and firing (before the node closes). */
    @Override
    public void close() {
        rescans.ifPresent(ScheduledExecutorService::shutdownNow);
        mailPolls.ifPresent(ScheduledExecutorService::shutdownNow);
        folderPolls.ifPresent(ScheduledExecutorService::shutdownNow);
        scheduler.ifPresent(Scheduler::close);
    }
}
