package io.basicflow.vision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for an Azure Face resource on 127.0.0.1 and a free port, speaking its v1.0 REST
 * protocol: {@code POST /face/v1.0/detect} with an image's bytes or {@code {"url"}}, {@code POST
 * /face/v1.0/verify} with two face ids, the key in {@code Ocp-Apim-Subscription-Key}, errors as {@code
 * {"error": {"code", "message"}}}.
 *
 * <p>Its "images" are texts naming the people in them ({@code face:alice face:bob}; a URL names them in
 * its file name, {@code …/alice-bob.jpg}); {@code broken} is no image (400 InvalidImage). Each detect
 * gives each face a new id, as Azure does; verify says two ids are one person when they were given to
 * the same name. When asked it answers 429 with {@code Retry-After: 1}, or answers late.
 */
final class FakeAzureFace implements AutoCloseable {

    static final String KEY = "face-key-0123";

    /** One request: its path and query, content type, key and body. */
    record Received(String path, String query, String contentType, String key, String body) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, String> personOfFace = new ConcurrentHashMap<>();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private volatile long delayMillis;

    FakeAzureFace() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                answer(exchange);
            }
        });
        server.start();
    }

    private void answer(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        String body = new String(bytes, StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        String key = exchange.getRequestHeaders().getFirst("Ocp-Apim-Subscription-Key");
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        received.add(new Received(path, query == null ? "" : query, type, key, body));
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!KEY.equals(key)) {
            error(exchange, 401, "401", "Access denied due to invalid subscription key or wrong API endpoint.");
        } else if (rateLimited.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            exchange.getResponseHeaders().set("Retry-After", "1");
            error(exchange, 429, "429", "Rate limit is exceeded. Try again in 1 seconds.");
        } else if (path.equals("/face/v1.0/detect")
                && exchange.getRequestMethod().equals("POST")) {
            detect(exchange, type, body, query == null ? "" : query);
        } else if (path.equals("/face/v1.0/verify")
                && exchange.getRequestMethod().equals("POST")) {
            JsonNode ids = JSON.readTree(body);
            String first = personOfFace.get(ids.path("faceId1").asText());
            String second = personOfFace.get(ids.path("faceId2").asText());
            if (first == null || second == null) {
                error(exchange, 404, "FaceNotFound", "Face is not found.");
            } else {
                boolean same = first.equals(second);
                reply(exchange, 200, "{\"isIdentical\":" + same + ",\"confidence\":" + (same ? "0.92" : "0.12") + "}");
            }
        } else {
            error(exchange, 404, "404", "Resource not found");
        }
    }

    private void detect(HttpExchange exchange, String type, String body, String query) throws IOException {
        String image;
        if ("application/json".equals(type)) {
            String url = JSON.readTree(body).path("url").asText();
            String file = url.substring(url.lastIndexOf('/') + 1).replaceFirst("\\.[a-z]+$", "");
            image = Arrays.stream(file.split("-")).map(name -> "face:" + name).reduce("", (a, b) -> a + " " + b);
        } else if ("application/octet-stream".equals(type)) {
            image = body;
        } else {
            error(exchange, 415, "BadArgument", "Invalid Media Type.");
            return;
        }
        if (image.strip().equals("broken")) {
            error(exchange, 400, "InvalidImage", "Decoding error, image format unsupported.");
            return;
        }
        List<String> attributes = new ArrayList<>();
        boolean landmarks = false;
        for (String parameter : query.split("&")) {
            if (parameter.startsWith("returnFaceAttributes=")) {
                attributes.addAll(List.of(
                        parameter.substring("returnFaceAttributes=".length()).split(",")));
            }
            landmarks |= parameter.equals("returnFaceLandmarks=true");
        }
        ArrayNode faces = JSON.createArrayNode();
        int index = 0;
        for (String token : image.strip().split("\\s+")) {
            if (!token.startsWith("face:")) {
                continue;
            }
            String person = token.substring("face:".length());
            String id = UUID.randomUUID().toString();
            personOfFace.put(id, person);
            ObjectNode face = faces.addObject().put("faceId", id);
            face.putObject("faceRectangle")
                    .put("top", 100 + 10 * index)
                    .put("left", 150 + 220 * index)
                    .put("width", 200)
                    .put("height", 250);
            if (landmarks) {
                ObjectNode points = face.putObject("faceLandmarks");
                points.putObject("pupilLeft").put("x", 210.5).put("y", 180.2);
                points.putObject("noseTip").put("x", 250.0).put("y", 230.7);
            }
            if (!attributes.isEmpty()) {
                ObjectNode all = attributesOf(person);
                ObjectNode asked = face.putObject("faceAttributes");
                for (String attribute : attributes) {
                    asked.set(attribute, all.get(attribute));
                }
            }
            index++;
        }
        reply(exchange, 200, faces.toString());
    }

    /** What Azure would say of each person: alice smiles in good light; bob is sad, blurred and over-lit. */
    private static ObjectNode attributesOf(String person) throws IOException {
        boolean bob = person.equals("bob");
        return (ObjectNode) JSON.readTree(("{'age': AGE, 'gender': 'GENDER', 'smile': SMILE,"
                        + " 'facialHair': {'moustache': 0.0, 'beard': BEARD, 'sideburns': 0.1},"
                        + " 'glasses': 'GLASSES', 'headPose': {'pitch': -5.2, 'roll': 2.1, 'yaw': -8.3},"
                        + " 'emotion': {'anger': 0.0, 'contempt': 0.0, 'disgust': 0.0, 'fear': 0.0,"
                        + " 'happiness': HAPPY, 'neutral': 0.03, 'sadness': SAD, 'surprise': 0.02},"
                        + " 'hair': {'bald': 0.0, 'invisible': false, 'hairColor': [{'color': 'black',"
                        + " 'confidence': 0.4}, {'color': 'brown', 'confidence': 0.9}]},"
                        + " 'makeup': {'eyeMakeup': true, 'lipMakeup': false},"
                        + " 'occlusion': {'foreheadOccluded': FOREHEAD, 'eyeOccluded': false, 'mouthOccluded': false},"
                        + " 'accessories': [{'type': 'headwear', 'confidence': 0.75}],"
                        + " 'blur': {'blurLevel': 'BLUR', 'value': 0.1},"
                        + " 'exposure': {'exposureLevel': 'EXPOSURE', 'value': 0.6},"
                        + " 'noise': {'noiseLevel': 'Low', 'value': 0.05}}")
                .replace('\'', '"')
                .replace("AGE", bob ? "45.0" : "32.0")
                .replace("GENDER", bob ? "male" : "female")
                .replace("SMILE", bob ? "0.05" : "0.87")
                .replace("BEARD", bob ? "0.6" : "0.0")
                .replace("GLASSES", bob ? "ReadingGlasses" : "NoGlasses")
                .replace("HAPPY", bob ? "0.1" : "0.95")
                .replace("SAD", bob ? "0.8" : "0.0")
                .replace("FOREHEAD", bob ? "true" : "false")
                .replace("BLUR", bob ? "High" : "Low")
                .replace("EXPOSURE", bob ? "OverExposure" : "GoodExposure"));
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        reply(exchange, status, "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}");
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Answers the next {@code count} requests with 429 and {@code Retry-After: 1}. */
    void rateLimitFor(int count) {
        rateLimited.set(count);
    }

    /** Answers every request this late. */
    void delay(long millis) {
        delayMillis = millis;
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** The person a face id was given to. */
    String personOf(String faceId) {
        return personOfFace.get(faceId);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
