package io.basicflow.persistence;

import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.engine.direct.ScriptResolver;
import io.basicflow.engine.durable.ChildScripts;
import io.basicflow.engine.durable.DurableSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A durable engine worker process: {@code java -cp … io.basicflow.persistence.WorkerMain
 * [key=value…]}. It reads its configuration from {@code key=value} arguments and system properties
 * ({@code basicflow.db.*} as {@link DatabaseConfig},
 * {@code basicflow.durable.*} as {@link DurableSettings#fromProperties}, {@code
 * basicflow.scripts.dir} for {@code CALL "x.bas"}, {@code basicflow.<plugin>.*} for the plugins, e.g.
 * {@code basicflow.mail.host}), finds the plugins on its class path, runs
 * workers until its standard input ends or says {@code stop} (then it stops gracefully), and prints
 * {@code READY <owner>} once it claims work. Crash tests start it as a child JVM and kill it.
 */
public final class WorkerMain {

    private WorkerMain() {}

    /**
     * Runs a worker process.
     *
     * @param args {@code key=value} settings
     * @throws Exception when the database or the workers cannot start
     */
    public static void main(String[] args) throws Exception {
        // key=value arguments override system properties of the same key.
        java.util.Map<String, String> given = new java.util.HashMap<>();
        for (String argument : args) {
            int equals = argument.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("arguments are key=value settings, got '" + argument + "'");
            }
            given.put(argument.substring(0, equals), argument.substring(equals + 1));
        }
        java.util.function.Function<String, String> lookup =
                key -> given.containsKey(key) ? given.get(key) : System.getProperty(key);
        DatabaseConfig config = DatabaseConfig.fromProperties(lookup);
        DurableSettings settings = DurableSettings.fromProperties(lookup);
        KeywordCatalogue catalogue = KeywordCatalogue.discover(WorkerMain.class.getClassLoader());
        String scripts = lookup.apply("basicflow.scripts.dir");
        ChildScripts children =
                scripts == null ? ChildScripts.NONE : ChildScripts.from(ScriptResolver.directory(Path.of(scripts)));
        Database database = new Database(config).start();
        // The plugins' settings (basicflow.<plugin>.<key>), arguments over system properties.
        Map<String, String> configuration = new TreeMap<>();
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("basicflow.")) {
                configuration.put(key, System.getProperty(key));
            }
        }
        given.forEach((key, value) -> {
            if (key.startsWith("basicflow.")) {
                configuration.put(key, value);
            }
        });
        DurableRuntime runtime = DurableRuntime.builder(database, catalogue)
                .settings(settings)
                .children(children)
                .configuration(configuration)
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.close();
            database.close();
        }));
        System.out.println("READY " + runtime.workers().orElseThrow().owner());
        System.out.flush();
        try (BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = input.readLine()) != null) {
                if (line.trim().toLowerCase(Locale.ROOT).equals("stop")) {
                    break;
                }
            }
        } catch (IOException e) {
            // standard input is gone: stop like at its end
        }
        System.exit(0);
    }
}
