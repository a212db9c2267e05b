package io.basicflow.vision;

import static org.assertj.core.api.Assertions.assertThat;

import io.basicflow.compiler.ScriptService;
import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.check.ConfigurationCheck;
import io.basicflow.compiler.core.CorePlugin;
import io.basicflow.compiler.diagnostics.Diagnostic;
import io.basicflow.compiler.diagnostics.DiagnosticCategory;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.files.FilesPlugin;
import io.basicflow.spi.value.Value;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.ScriptRun;
import io.basicflow.testkit.StepMatcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DETECT FACES, ANALYZE FACE and VERIFY FACE against a local server that speaks Azure Face API's
 * protocol: the golden script of keyword-face-api.md's examples runs direct and durable with the same
 * messages and the same requests; a durable run resumed after a crash reads the recorded answer and
 * asks no second time; a rate limit is waited out; an invalid image, a wrong key and a server that does
 * not answer fail the step saying so; missing settings are a check warning and a run-time error.
 */
class FaceKeywordsTest {

    /** The page's examples in a row: detect, attributes, verify by ids and by images, analyse. */
    static final String SCRIPT = """
            image = "/photos/team.jpg"
            faces = DETECT FACES image
            TALK "Found " + LEN(faces) + " face(s) in the image"
            FOR EACH face IN faces
                TALK "Face at position: " + face.rectangle.left + ", " + face.rectangle.top
            NEXT
            options = #{return_attributes: true}
            portrait = DETECT FACES "photos/portrait.jpg", options
            IF LEN(portrait) > 0 THEN
                face = portrait[0]
                TALK "Detected a " + face.attributes.age + " year old " + face.attributes.gender
                TALK "Expression: " + face.attributes.emotion + ", glasses: " + face.attributes.glasses
            END IF
            selfie = DETECT FACES "https://photos.example/alice.jpg"
            result = VERIFY FACE portrait[0].face_id, selfie[0].face_id
            IF result.is_identical THEN
                TALK "Match confirmed with " + ROUND(result.confidence * 100, 0) + "% confidence"
            END IF
            other = VERIFY FACE "photos/portrait.jpg", "https://photos.example/bob.jpg"
            TALK "Same person: " + other.is_identical + " at " + other.confidence + " (threshold " + other.threshold + ")"
            analysis = ANALYZE FACE "photos/headshot.jpg"
            IF analysis != NULL THEN
                TALK "Estimated age: " + analysis.attributes.age
                TALK "Primary emotion: " + analysis.attributes.emotion.primary
                TALK "Smile score: " + ROUND(analysis.attributes.smile * 100, 0) + "%"
                quality = analysis.attributes.quality
                IF quality.blur = "high" THEN
                    TALK "Your photo is too blurry."
                END IF
                IF quality.exposure = "over" AND analysis.attributes.occlusion.forehead THEN
                    TALK "Too much light, and the forehead is hidden."
                END IF
            END IF
            some = ANALYZE FACE "photos/portrait.jpg", ["age", "emotion", "glasses"]
            TALK "Age: " + some.attributes.age + ", emotion: " + some.attributes.emotion.primary + ", glasses: " + some.attributes.glasses + ", smile: " + some.attributes.smile
            nobody = ANALYZE FACE "photos/empty.jpg"
            IF nobody = NULL THEN
                TALK "No faces detected in this image"
            END IF
            RETURN LEN(faces)
            """;

    static final List<String> MESSAGES = List.of(
            "Found 2 face(s) in the image",
            "Face at position: 150, 100",
            "Face at position: 370, 110",
            "Detected a 32 year old female",
            "Expression: happy, glasses: none",
            "Match confirmed with 92% confidence",
            "Same person: false at 0.12 (threshold 0.5)",
            "Estimated age: 45",
            "Primary emotion: sad",
            "Smile score: 5%",
            "Your photo is too blurry.",
            "Too much light, and the forehead is hidden.",
            "Age: 32, emotion: happy, glasses: none, smile: ",
            "No faces detected in this image");

    private FakeAzureFace azure;

    @TempDir
    Path root;

    @BeforeEach
    void start() throws IOException {
        azure = new FakeAzureFace();
        Path photos = Files.createDirectories(root.resolve("kyc.gbai/kyc.gbdrive/photos"));
        Files.writeString(photos.resolve("team.jpg"), "face:alice face:bob");
        Files.writeString(photos.resolve("portrait.jpg"), "face:alice");
        Files.writeString(photos.resolve("headshot.jpg"), "face:bob");
        Files.writeString(photos.resolve("empty.jpg"), "a wall");
        Files.writeString(photos.resolve("broken.jpg"), "broken");
    }

    @AfterEach
    void stop() {
        azure.close();
    }

    private Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("vision.face.endpoint", azure.endpoint());
        settings.put("vision.face.key", FakeAzureFace.KEY);
        settings.put("files.root", root.toString());
        return settings;
    }

    private BasicflowTestKit kit(Map<String, String> settings) {
        BasicflowTestKit kit = BasicflowTestKit.withPlugins(new VisionPlugin(), new FilesPlugin());
        settings.forEach(kit::configuration);
        return kit;
    }

    private DirectOutcome runDirectly(String source, List<String> messages, Map<String, String> settings) {
        return DirectRuns.run("kyc/start.bas", source, settings, Map.of(), messages);
    }

    @Test
    void thePagesExamplesSayTheSameDirectAndDurableAndSendTheSameRequests() {
        List<String> direct = new ArrayList<>();
        assertThat(runDirectly(SCRIPT, direct, settings()))
                .isEqualTo(new DirectOutcome.Completed(Optional.of(Value.number(2))));
        assertThat(direct).isEqualTo(MESSAGES);
        List<FakeAzureFace.Received> directRequests = azure.received();

        try (BasicflowTestKit kit = kit(settings())) {
            ScriptRun run = kit.run("kyc/start.bas", "#workflow\n" + SCRIPT);
            assertThat(run.awaitResult()).isEqualTo(Value.number(2));
            assertThat(run.messages()).isEqualTo(MESSAGES);
            // one recorded answer per keyword call: three DETECT, two VERIFY, three ANALYZE
            assertThat(run.events("EffectCompleted")).hasSize(8);
        }
        // VERIFY FACE of two images detects each, then verifies: 10 requests a run
        assertThat(directRequests).hasSize(10);
        assertThat(azure.received().subList(10, 20))
                .extracting(request -> request.path() + "?" + request.query() + " " + request.contentType())
                .isEqualTo(directRequests.stream()
                        .map(request -> request.path() + "?" + request.query() + " " + request.contentType())
                        .toList());
        assertThat(directRequests)
                .allSatisfy(request -> assertThat(request.key()).isEqualTo(FakeAzureFace.KEY));
        assertThat(directRequests.get(0).query())
                .isEqualTo("returnFaceId=true&returnFaceLandmarks=false&detectionModel=detection_01"
                        + "&recognitionModel=recognition_04&returnRecognitionModel=false");
        assertThat(directRequests.get(0).contentType()).isEqualTo("application/octet-stream");
        assertThat(directRequests.get(0).body()).isEqualTo("face:alice face:bob");
        assertThat(directRequests.get(1).query()).contains("&returnFaceAttributes=age,gender,emotion,glasses&");
        assertThat(directRequests.get(2).contentType()).isEqualTo("application/json");
        assertThat(directRequests.get(2).body()).isEqualTo("{\"url\":\"https://photos.example/alice.jpg\"}");
        assertThat(directRequests.get(3).path()).isEqualTo("/face/v1.0/verify");
        assertThat(directRequests.get(7).query())
                .contains("returnFaceAttributes=age,gender,emotion,glasses,facialHair,hair,makeup,accessories,"
                        + "occlusion,blur,exposure,noise,headPose,smile&");
        assertThat(directRequests.get(8).query()).contains("returnFaceAttributes=age,emotion,glasses&");
    }

    @Test
    void theAnalysisHasThePagesShapes() {
        List<String> messages = new ArrayList<>();
        String script = """
                a = ANALYZE FACE "photos/portrait.jpg"
                TALK TOJSON(a.attributes)
                d = DETECT FACES "photos/portrait.jpg", #{return_landmarks: true, detection_model: "detection_03"}
                TALK TOJSON(d[0].landmarks) + " " + d[0].confidence
                """;
        DirectOutcome outcome = runDirectly(script, messages, settings());

        assertThat(outcome).isInstanceOf(DirectOutcome.Completed.class);
        assertThat(messages.getFirst())
                .isEqualTo("{\"age\":32,\"gender\":\"female\",\"emotion\":{\"primary\":\"happy\",\"scores\":"
                        + "{\"happy\":0.95,\"neutral\":0.03,\"surprise\":0.02,\"angry\":0,\"contempt\":0,"
                        + "\"disgust\":0,\"fear\":0,\"sad\":0}},\"glasses\":\"none\",\"facial_hair\":"
                        + "{\"beard\":0,\"mustache\":0,\"sideburns\":0.1},\"hair\":{\"bald\":0,\"invisible\":false,"
                        + "\"color\":\"brown\",\"colors\":{\"black\":0.4,\"brown\":0.9}},\"makeup\":{\"eye\":true,"
                        + "\"lip\":false},\"accessories\":{\"headwear\":0.75},\"occlusion\":{\"forehead\":false,"
                        + "\"eye\":false,\"mouth\":false},\"head_pose\":{\"pitch\":-5.2,\"roll\":2.1,\"yaw\":-8.3},"
                        + "\"smile\":0.87,\"quality\":{\"blur\":\"low\",\"exposure\":\"good\",\"noise\":\"low\"}}");
        assertThat(messages.get(1))
                .isEqualTo("{\"pupil_left\":{\"x\":210.5,\"y\":180.2},\"nose_tip\":{\"x\":250,\"y\":230.7}} ");
        assertThat(azure.received().get(1).query())
                .contains("returnFaceLandmarks=true")
                .contains("detectionModel=detection_03");
    }

    @Test
    void anImageGivenAsBase64OrADataUrlIsSentAsItsBytes() {
        String encoded = Base64.getEncoder()
                .encodeToString("face:carol                                                      "
                        .getBytes(StandardCharsets.UTF_8));
        List<String> messages = new ArrayList<>();
        String script = "a = DETECT FACES \"" + encoded + "\"\nb = DETECT FACES \"data:image/jpeg;base64," + encoded
                + "\"\nTALK LEN(a) + LEN(b)\n";

        assertThat(runDirectly(script, messages, settings())).isInstanceOf(DirectOutcome.Completed.class);
        assertThat(messages).containsExactly("2");
        assertThat(azure.received())
                .extracting(FakeAzureFace.Received::body)
                .allSatisfy(body -> assertThat(body).startsWith("face:carol "));
    }

    @Test
    void aResumedRunReadsTheRecordedAnswerAndAsksNoSecondTime() {
        String script = """
                #workflow
                faces = DETECT FACES "photos/portrait.jpg"
                TALK "detected"
                HEAR go
                r = VERIFY FACE faces[0].face_id, "photos/portrait.jpg"
                TALK faces[0].face_id + " " + r.is_identical
                """;
        try (BasicflowTestKit kit = kit(settings()).crashAt(StepMatcher.effectCompleted("DETECT FACES"))) {
            ScriptRun run = kit.run("kyc/start.bas", script);
            run.awaitMessages(1);
            run.awaitStatus(ExecutionStatus.WAITING_INPUT);
            run.input("go");

            run.awaitStatus(ExecutionStatus.COMPLETED);
            assertThat(kit.crashes()).isEqualTo(1);
            // one detect for DETECT FACES (recorded, never asked again after the crash), one inside VERIFY FACE
            assertThat(azure.received())
                    .extracting(FakeAzureFace.Received::path)
                    .containsExactly("/face/v1.0/detect", "/face/v1.0/detect", "/face/v1.0/verify");
            String faceId = run.messages().get(1).split(" ")[0];
            assertThat(azure.personOf(faceId)).isEqualTo("alice");
            assertThat(run.messages()).containsExactly("detected", faceId + " true");
        }
    }

    @Test
    void aRateLimitIsWaitedOutAndTheAnswerRecordedOnce() {
        azure.rateLimitFor(2);
        try (BasicflowTestKit kit = kit(settings())) {
            ScriptRun run =
                    kit.run("kyc/start.bas", "#workflow\nf = DETECT FACES \"photos/team.jpg\"\nRETURN LEN(f)\n");

            assertThat(run.awaitResult()).isEqualTo(Value.number(2));
            assertThat(run.events("EffectFailed"))
                    .hasSize(2)
                    .allSatisfy(event -> assertThat(event.toString()).contains("rate limit"));
        }
        assertThat(azure.received()).hasSize(3);
    }

    @Test
    void anInvalidImageFailsTheStepAndTheScriptCanTellByTheErrorMessage() {
        try (BasicflowTestKit kit = kit(settings())) {
            ScriptRun run = kit.run("kyc/start.bas", "#workflow\nTALK \"x\"\nf = DETECT FACES \"photos/broken.jpg\"\n");

            run.awaitStatus(ExecutionStatus.FAILED);
            assertThat(run.error().orElseThrow().message())
                    .contains("DETECT FACES: invalid image 'photos/broken.jpg'")
                    .contains("InvalidImage: Decoding error");
            assertThat(run.error().orElseThrow().line()).isEqualTo(3);
        }
        List<String> messages = new ArrayList<>();
        String handled = """
                ON ERROR RESUME NEXT
                faces = DETECT FACES "photos/broken.jpg"
                IF ERROR THEN
                    IF ERROR MESSAGE CONTAINS "invalid image" THEN
                        TALK "Please provide a valid image file"
                    END IF
                END IF
                """;
        assertThat(runDirectly(handled, messages, settings())).isInstanceOf(DirectOutcome.Completed.class);
        assertThat(messages).containsExactly("Please provide a valid image file");
    }

    @Test
    void aWrongKeyAServerThatDoesNotAnswerAndAMissingFileFailTheStepSayingWhy() {
        Map<String, String> wrong = settings();
        wrong.put("vision.face.key", "nope");
        List<String> messages = new ArrayList<>();
        DirectOutcome refused = runDirectly("f = DETECT FACES \"photos/team.jpg\"\n", messages, wrong);
        assertThat(((DirectOutcome.Failed) refused).error().message())
                .contains("Azure Face API refused the key (HTTP 401")
                .contains("check basicflow.vision.face.key (or basicflow.vision.bot.kyc.face.key)");

        DirectOutcome missing =
                runDirectly("f = VERIFY FACE \"photos/nobody.jpg\", \"photos/team.jpg\"\n", messages, settings());
        assertThat(((DirectOutcome.Failed) missing).error().message()).contains("nobody.jpg");
        DirectOutcome noFace =
                runDirectly("f = VERIFY FACE \"photos/empty.jpg\", \"photos/team.jpg\"\n", messages, settings());
        assertThat(((DirectOutcome.Failed) noFace).error().message())
                .contains("VERIFY FACE: no face found in the first image ('photos/empty.jpg')");

        azure.delay(1_500);
        Map<String, String> impatient = settings();
        impatient.put("vision.face.timeout-ms", "200");
        try (BasicflowTestKit kit = kit(impatient)) {
            ScriptRun run = kit.run("kyc/start.bas", "#workflow\nf = DETECT FACES \"photos/team.jpg\"\n");
            run.awaitStatus(ExecutionStatus.FAILED);
            assertThat(run.error().orElseThrow().message())
                    .contains("did not answer detect within 200 ms (basicflow.vision.face.timeout-ms)");
            assertThat(run.events("EffectFailed")).hasSize(VisionPlugin.RETRY.maxAttempts());
        }
    }

    @Test
    void aBotsOwnSettingsComeFirst() {
        Map<String, String> perBot = settings();
        perBot.put("vision.face.key", "the other bots' key");
        perBot.put("vision.bot.kyc.face.key", FakeAzureFace.KEY);
        List<String> messages = new ArrayList<>();

        assertThat(runDirectly("f = DETECT FACES \"photos/team.jpg\"\nTALK LEN(f)\n", messages, perBot))
                .isInstanceOf(DirectOutcome.Completed.class);
        assertThat(messages).containsExactly("2");
    }

    @Test
    void missingSettingsAreACheckWarningAndARunTimeError() {
        ScriptService compiler =
                new ScriptService(KeywordCatalogue.of(new CorePlugin(), new VisionPlugin(), new FilesPlugin()));
        String source = "TALK \"hi\"\nIF TRUE THEN\n  r = VERIFY FACE \"a.jpg\", \"b.jpg\"\nEND IF\n";
        List<Diagnostic> warnings = new ConfigurationCheck(compiler.catalogue(), Map.of("basicflow.files.root", "/x"))
                .check("kyc.bas", source, compiler.compile("kyc.bas", source).program());
        assertThat(warnings).hasSize(1);
        assertThat(warnings.getFirst().line()).isEqualTo(3);
        assertThat(warnings.getFirst().category()).isEqualTo(DiagnosticCategory.WARNING);
        assertThat(warnings.getFirst().message())
                .startsWith("VERIFY FACE needs basicflow.vision.face.endpoint (an Azure Face resource");
        assertThat(new ConfigurationCheck(
                                compiler.catalogue(),
                                Map.of(
                                        "basicflow.vision.bot.kyc.face.endpoint", "http://x",
                                        "basicflow.vision.bot.kyc.face.key", "k"))
                        .check(
                                "kyc.bas",
                                source,
                                compiler.compile("kyc.bas", source).program()))
                .isEmpty();

        List<String> messages = new ArrayList<>();
        DirectOutcome outcome = runDirectly("f = DETECT FACES \"photos/team.jpg\"\n", messages, Map.of());
        assertThat(((DirectOutcome.Failed) outcome).error().message())
                .contains("DETECT FACES needs basicflow.vision.face.endpoint")
                .contains("(bot 'kyc': endpoint is not set)");
        assertThat(azure.received()).isEmpty();
    }
}
