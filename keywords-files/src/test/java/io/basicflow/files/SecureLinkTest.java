package io.basicflow.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.DirectRun;
import io.basicflow.testkit.ScriptRun;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GENERATE SECURE LINK}: a link to a file of the bot's storage, signed with the files root's secret,
 * that expires when the script says, the same in a direct and a durable run; altered or late links are
 * refused by the same check the server uses.
 */
class SecureLinkTest {

    @TempDir
    Path root;

    /** The custom report's shape in our own words: a file uploaded under a folder, then its link. */
    static final String REPORT = """
            WRITE "reports/custom/sales report.csv", "region,total\\nnorth,12\\n"
            week = GENERATE SECURE LINK "/reports/custom/" + "sales report.csv" EXPIRES 7 DAYS
            TALK week
            soon = GENERATE SECURE LINK "reports/custom/sales report.csv" EXPIRES 2 HOURS
            TALK soon
            """;

    private Map<String, String> settings() {
        return Map.of("basicflow.files.root", root.toString(), "basicflow.files.base-url", "https://bots.example.com/");
    }

    /** The parts of a link: bot, path, expiry, signature. */
    record Link(String bot, String path, long expires, String signature) {
        static Link of(String url) {
            URI uri = URI.create(url);
            assertThat(url).startsWith("https://bots.example.com/files/");
            String rest = uri.getRawPath().substring(SecureLinks.ROUTE.length());
            String bot = rest.substring(0, rest.indexOf('/'));
            String path = URLDecoder.decode(rest.substring(bot.length() + 1), StandardCharsets.UTF_8);
            Map<String, String> query = new java.util.HashMap<>();
            for (String pair : uri.getRawQuery().split("&")) {
                query.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
            return new Link(bot, path, Long.parseLong(query.get("expires")), query.get("signature"));
        }
    }

    private void assertLinks(List<String> said, Instant before, Instant after) throws Exception {
        SecureLinks links = SecureLinks.of(Optional.empty(), root);
        Link week = Link.of(said.get(0));
        Link soon = Link.of(said.get(1));
        assertThat(week.bot()).isEqualTo("shop");
        assertThat(week.path()).isEqualTo("reports/custom/sales report.csv");
        assertThat(said.get(0)).contains("/files/shop/reports/custom/sales%20report.csv?expires=");
        assertThat(week.expires())
                .isBetween(
                        before.plus(Duration.ofDays(7)).getEpochSecond(),
                        after.plus(Duration.ofDays(7)).getEpochSecond());
        assertThat(soon.expires())
                .isBetween(
                        before.plus(Duration.ofHours(2)).getEpochSecond(),
                        after.plus(Duration.ofHours(2)).getEpochSecond());
        Instant now = Instant.now();
        assertThat(links.check(week.bot(), week.path(), week.expires(), week.signature(), now))
                .isEqualTo(SecureLinks.Check.VALID);
        assertThat(links.check(
                        soon.bot(), soon.path(), soon.expires(), soon.signature(), now.plus(Duration.ofHours(3))))
                .isEqualTo(SecureLinks.Check.EXPIRED);
        assertThat(links.check(week.bot(), "reports/custom/other.csv", week.expires(), week.signature(), now))
                .as("another file with the same signature")
                .isEqualTo(SecureLinks.Check.FORGED);
        assertThat(links.check(week.bot(), week.path(), week.expires() + 86_400, week.signature(), now))
                .as("a later expiry")
                .isEqualTo(SecureLinks.Check.FORGED);
        assertThat(links.check("other", week.path(), week.expires(), week.signature(), now))
                .as("another bot's file")
                .isEqualTo(SecureLinks.Check.FORGED);
        assertThat(new SecureLinks("a different server secret".getBytes(StandardCharsets.UTF_8))
                        .check(week.bot(), week.path(), week.expires(), week.signature(), now))
                .isEqualTo(SecureLinks.Check.FORGED);
    }

    @Test
    void directAndDurableRunsLinkTheFileWithTheExpiryTheScriptAsksFor() throws Exception {
        Instant before = Instant.now();
        DirectRun direct = DirectRun.of(
                List.of(new FilesPlugin(), new SecureLinkPlugin()), settings(), "shop/report.bas", REPORT, Map.of());
        assertThat(direct.outcome()).isInstanceOf(DirectOutcome.Completed.class);
        assertLinks(direct.messages(), before, Instant.now());
        assertThat(root.resolve(SecureLinks.SECRET_FILE)).exists();
        String secret = Files.readString(root.resolve(SecureLinks.SECRET_FILE));

        before = Instant.now();
        try (BasicflowTestKit kit = BasicflowTestKit.withPlugins(new FilesPlugin(), new SecureLinkPlugin())) {
            settings().forEach(kit::configuration);
            ScriptRun run = kit.run("shop/report.bas", "#workflow\n" + REPORT);
            run.awaitStatus(ExecutionStatus.COMPLETED);
            assertLinks(run.messages(), before, Instant.now());
            assertThat(kit.effectCalls(SecureLinkPlugin.GENERATE_SECURE_LINK)).hasSize(2);
        }
        assertThat(Files.readString(root.resolve(SecureLinks.SECRET_FILE)))
                .as("the secret is made once and kept")
                .isEqualTo(secret);
    }

    @Test
    void aMissingFileAPathOutOfTheStorageAndAnEndlessLinkAreRefused() {
        for (var refused : Map.of(
                        "x = GENERATE SECURE LINK \"reports/none.pdf\" EXPIRES 1 DAYS\n",
                        "there is no file 'reports/none.pdf' in the bot's storage",
                        "x = GENERATE SECURE LINK \"../other.gbai/secret.txt\"\n",
                        "PATH_TRAVERSAL",
                        "WRITE \"a.txt\", \"a\"\nx = GENERATE SECURE LINK \"a.txt\" EXPIRES 400 DAYS\n",
                        "at most 366 days",
                        "WRITE \"a.txt\", \"a\"\nx = GENERATE SECURE LINK \"a.txt\" EXPIRES 0 HOURS\n",
                        "more than 0")
                .entrySet()) {
            DirectRun run = DirectRun.of(
                    List.of(new FilesPlugin(), new SecureLinkPlugin()),
                    settings(),
                    "shop/bad.bas",
                    refused.getKey(),
                    Map.of());
            assertThat(run.outcome())
                    .as(refused.getKey())
                    .isInstanceOfSatisfying(
                            DirectOutcome.Failed.class,
                            failed -> assertThat(failed.error().message())
                                    .contains("shop/bad.bas:")
                                    .contains(refused.getValue()));
        }
    }

    @Test
    void aConfiguredSecretSignsInsteadOfTheFilesRootsOwn() throws Exception {
        SecureLinks configured = SecureLinks.of(Optional.of("a configured secret of enough length"), root);
        SecureLinks own = SecureLinks.of(Optional.empty(), root);
        assertThat(configured.signature("shop", "a.txt", 1L)).isNotEqualTo(own.signature("shop", "a.txt", 1L));
        assertThat(SecureLinks.of(Optional.empty(), root).signature("shop", "a.txt", 1L))
                .isEqualTo(own.signature("shop", "a.txt", 1L));
    }
}
